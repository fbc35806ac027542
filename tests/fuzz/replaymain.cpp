// The main of a fuzz target in ordinary builds: feeds every file of the folders (and every file) named on the command
// line to LLVMFuzzerTestOneInput, in name order, so that the kept corpus replays as a test. A crash or a broken
// invariant aborts the run; a folder that is missing or empty fails it, so a corpus that went astray is noticed.
#include "fuzzcheck.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QStringList>

#include <cstdio>
#include <utility>
#include <vector>

namespace {

bool collect(const QString &path, QStringList &files)
{
    const QFileInfo info(path);
    if (info.isFile()) {
        files << info.absoluteFilePath();
        return true;
    }
    if (!info.isDir()) {
        std::fprintf(stderr, "replay: %s does not exist\n", qPrintable(path));
        return false;
    }
    const QFileInfoList entries = QDir(path).entryInfoList(QDir::Files | QDir::Hidden, QDir::Name);
    if (entries.isEmpty()) {
        std::fprintf(stderr, "replay: %s holds no input\n", qPrintable(path));
        return false;
    }
    for (const QFileInfo &entry : entries) {
        files << entry.absoluteFilePath();
    }
    return true;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc < 2) {
        std::fprintf(stderr, "usage: %s CORPUS_FOLDER|INPUT...\n", argv[0]);
        return 2;
    }
    QStringList files;
    for (int i = 1; i < argc; ++i) {
        if (!collect(QFile::decodeName(argv[i]), files)) {
            return 1;
        }
    }
    for (const QString &path : std::as_const(files)) {
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "replay: cannot read %s: %s\n", qPrintable(path), qPrintable(file.errorString()));
            return 1;
        }
        const QByteArray bytes = file.readAll();
        std::fprintf(stderr, "replay: %s (%lld bytes)\n", qPrintable(path), static_cast<long long>(bytes.size()));
        // An exact copy, so that AddressSanitizer sees a read one byte past the input.
        std::vector<std::uint8_t> input(bytes.cbegin(), bytes.cend());
        LLVMFuzzerTestOneInput(input.data(), input.size());
    }
    std::printf("replayed %lld inputs\n", static_cast<long long>(files.size()));
    return 0;
}
