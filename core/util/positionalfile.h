#ifndef BURNRATE_CORE_UTIL_POSITIONALFILE_H
#define BURNRATE_CORE_UTIL_POSITIONALFILE_H

#include <QString>

#include <cstdint>
#include <optional>

namespace burnrate {

// What a file is right now: the identity, size and modification time an import checkpoint compares
// with to know whether a file is the one it read before and whether it grew.
struct FileStat
{
    QString identity; // unique per file on this machine: "device:inode", or volume and file index on Windows
    std::int64_t size = 0;
    std::int64_t mtimeNs = 0; // since the Unix epoch
};

// The FileStat of a regular file; nothing for a directory, a device or a path that does not exist.
std::optional<FileStat> statRegularFile(const QString &path);

// A file opened for reading at explicit offsets (no shared file position, so readers need no locks),
// while other programs keep appending to it, rename it or delete it. The implementation is the
// system's (positionalfile_unix.cpp, positionalfile_win.cpp).
class PositionalFile final
{
public:
    explicit PositionalFile(const QString &path);
    ~PositionalFile();
    PositionalFile(const PositionalFile &) = delete;
    PositionalFile &operator=(const PositionalFile &) = delete;

    bool isOpen() const { return m_handle != Closed; }
    // The system's message for the last failure (opening, stat or reading).
    QString errorString() const { return m_error; }

    // The FileStat of the open file (the same file even when its path now names another).
    std::optional<FileStat> stat();
    // Reads up to `size` bytes at `offset`: the number read, 0 at the end of the file, -1 on an error.
    std::int64_t readAt(char *buffer, std::int64_t size, std::int64_t offset);
    // Reads exactly `size` bytes at `offset`; false when the file ends before them or on an error.
    [[nodiscard]] bool readFully(char *buffer, std::int64_t size, std::int64_t offset);

private:
    static constexpr std::intptr_t Closed = -1;
    std::intptr_t m_handle = Closed; // a file descriptor or a HANDLE
    QString m_error;
};

} // namespace burnrate

#endif // BURNRATE_CORE_UTIL_POSITIONALFILE_H
