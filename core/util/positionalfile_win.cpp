// PositionalFile on Windows: CreateFileW with every sharing mode (so that writers, renames and deletes
// go on while it is open), ReadFile at an offset, and the volume serial and file index as identity.
#include "util/positionalfile.h"

#include <QDir>

#include <windows.h>

namespace burnrate {

namespace {

QString systemError(DWORD error)
{
    wchar_t *text = nullptr;
    const DWORD n =
        FormatMessageW(FORMAT_MESSAGE_ALLOCATE_BUFFER | FORMAT_MESSAGE_FROM_SYSTEM | FORMAT_MESSAGE_IGNORE_INSERTS,
                       nullptr, error, 0, reinterpret_cast<LPWSTR>(&text), 0, nullptr);
    QString out = n > 0 ? QString::fromWCharArray(text, static_cast<qsizetype>(n)).trimmed()
                        : QStringLiteral("system error %1").arg(error);
    LocalFree(text);
    return out;
}

HANDLE openForReading(const QString &path)
{
    const std::wstring native = QDir::toNativeSeparators(path).toStdWString();
    return CreateFileW(native.c_str(), GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, nullptr,
                       OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, nullptr);
}

std::optional<FileStat> handleStat(HANDLE h)
{
    BY_HANDLE_FILE_INFORMATION info{};
    if (!GetFileInformationByHandle(h, &info) || (info.dwFileAttributes & FILE_ATTRIBUTE_DIRECTORY) != 0) {
        return std::nullopt;
    }
    // FILETIME counts 100 ns steps since 1601-01-01; the Unix epoch is 11644473600 s later.
    constexpr std::int64_t EpochOffset = 116'444'736'000'000'000;
    const std::int64_t ticks =
        (static_cast<std::int64_t>(info.ftLastWriteTime.dwHighDateTime) << 32) | info.ftLastWriteTime.dwLowDateTime;
    const quint64 index = (static_cast<quint64>(info.nFileIndexHigh) << 32) | info.nFileIndexLow;
    FileStat out;
    out.identity = QStringLiteral("%1:%2").arg(static_cast<quint64>(info.dwVolumeSerialNumber)).arg(index);
    out.size = (static_cast<std::int64_t>(info.nFileSizeHigh) << 32) | info.nFileSizeLow;
    out.mtimeNs = (ticks - EpochOffset) * 100;
    return out;
}

} // namespace

std::optional<FileStat> statRegularFile(const QString &path)
{
    const HANDLE h = openForReading(path);
    if (h == INVALID_HANDLE_VALUE) {
        return std::nullopt;
    }
    auto out = handleStat(h);
    CloseHandle(h);
    return out;
}

PositionalFile::PositionalFile(const QString &path)
{
    const HANDLE h = openForReading(path);
    if (h == INVALID_HANDLE_VALUE) {
        m_error = systemError(GetLastError());
        return;
    }
    m_handle = reinterpret_cast<std::intptr_t>(h);
}

PositionalFile::~PositionalFile()
{
    if (isOpen()) {
        CloseHandle(reinterpret_cast<HANDLE>(m_handle));
    }
}

std::optional<FileStat> PositionalFile::stat()
{
    if (!isOpen()) {
        return std::nullopt;
    }
    auto out = handleStat(reinterpret_cast<HANDLE>(m_handle));
    if (!out) {
        m_error = systemError(GetLastError());
    }
    return out;
}

std::int64_t PositionalFile::readAt(char *buffer, std::int64_t size, std::int64_t offset)
{
    if (!isOpen()) {
        return -1;
    }
    OVERLAPPED at{};
    at.Offset = static_cast<DWORD>(static_cast<quint64>(offset) & 0xffffffffU);
    at.OffsetHigh = static_cast<DWORD>(static_cast<quint64>(offset) >> 32);
    const DWORD want = size > 0x40000000 ? DWORD{0x40000000} : static_cast<DWORD>(size);
    DWORD got = 0;
    if (!ReadFile(reinterpret_cast<HANDLE>(m_handle), buffer, want, &got, &at)) {
        const DWORD error = GetLastError();
        if (error == ERROR_HANDLE_EOF) {
            return 0;
        }
        m_error = systemError(error);
        return -1;
    }
    return static_cast<std::int64_t>(got);
}

} // namespace burnrate
