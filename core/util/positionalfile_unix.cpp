// PositionalFile on POSIX systems: open(2), pread(2) and fstat(2).
#include "util/positionalfile.h"

#include <QFile>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

namespace burnrate {

namespace {

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

std::int64_t mtimeNs(const struct stat &st)
{
#if defined(__APPLE__)
    const timespec &t = st.st_mtimespec;
#else
    const timespec &t = st.st_mtim;
#endif
    return static_cast<std::int64_t>(t.tv_sec) * 1'000'000'000 + t.tv_nsec;
}

std::optional<FileStat> fileStat(const struct stat &st)
{
    if (!S_ISREG(st.st_mode)) {
        return std::nullopt;
    }
    FileStat out;
    out.identity = QStringLiteral("%1:%2").arg(static_cast<quint64>(st.st_dev)).arg(static_cast<quint64>(st.st_ino));
    out.size = static_cast<std::int64_t>(st.st_size);
    out.mtimeNs = mtimeNs(st);
    return out;
}

} // namespace

std::optional<FileStat> statRegularFile(const QString &path)
{
    struct stat st
    {};
    if (::stat(QFile::encodeName(path).constData(), &st) != 0) {
        return std::nullopt;
    }
    return fileStat(st);
}

PositionalFile::PositionalFile(const QString &path)
{
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        m_error = systemError(errno);
        return;
    }
    m_handle = fd;
}

PositionalFile::~PositionalFile()
{
    if (isOpen()) {
        ::close(static_cast<int>(m_handle));
    }
}

std::optional<FileStat> PositionalFile::stat()
{
    struct stat st
    {};
    if (!isOpen()) {
        return std::nullopt;
    }
    if (::fstat(static_cast<int>(m_handle), &st) != 0) {
        m_error = systemError(errno);
        return std::nullopt;
    }
    auto out = fileStat(st);
    if (!out) {
        m_error = QStringLiteral("not a regular file");
    }
    return out;
}

std::int64_t PositionalFile::readAt(char *buffer, std::int64_t size, std::int64_t offset)
{
    if (!isOpen()) {
        return -1;
    }
    for (;;) {
        const ssize_t n =
            ::pread(static_cast<int>(m_handle), buffer, static_cast<size_t>(size), static_cast<off_t>(offset));
        if (n >= 0) {
            return static_cast<std::int64_t>(n);
        }
        if (errno != EINTR) {
            m_error = systemError(errno);
            return -1;
        }
    }
}

} // namespace burnrate
