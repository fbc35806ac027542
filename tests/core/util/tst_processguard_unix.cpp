// The process guard on POSIX systems, applied to the test process itself: no core file, not dumpable (Linux), and a
// write past the file-size limit is an error the writer sees (EFBIG) while the process lives on.
#include "util/processguard.h"

#include <QTemporaryDir>
#include <QTest>

#include <fcntl.h>
#include <sys/resource.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#if defined(__linux__)
#include <sys/prctl.h>
#endif

class ProcessGuardTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void noCoreDumps();
    void fileSizeLimitIsAnError();
};

void ProcessGuardTest::noCoreDumps()
{
    rlimit before{};
    QCOMPARE(getrlimit(RLIMIT_CORE, &before), 0);
    burnrate::guardProcess();
    rlimit after{};
    QCOMPARE(getrlimit(RLIMIT_CORE, &after), 0);
    QCOMPARE(after.rlim_cur, rlim_t{0});
    QCOMPARE(after.rlim_max, rlim_t{0});
#if defined(__linux__)
    QCOMPARE(prctl(PR_GET_DUMPABLE, 0, 0, 0, 0), 0);
#endif
}

void ProcessGuardTest::fileSizeLimitIsAnError()
{
    burnrate::guardProcess();
    QTemporaryDir dir;
    const QByteArray path = QFile::encodeName(dir.filePath(QStringLiteral("big")));
    rlimit old{};
    QCOMPARE(getrlimit(RLIMIT_FSIZE, &old), 0);
    const rlimit small{4096, old.rlim_max};
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &small), 0);
    const int fd = ::open(path.constData(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    QVERIFY(fd >= 0);
    const QByteArray block(8192, 'x');
    const ssize_t first = ::write(fd, block.constData(), static_cast<size_t>(block.size()));
    const ssize_t second = ::write(fd, block.constData(), static_cast<size_t>(block.size()));
    const int error = errno;
    ::close(fd);
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &old), 0);
    QCOMPARE(first, ssize_t{4096}); // up to the limit
    QCOMPARE(second, ssize_t{-1});  // then an error, not SIGXFSZ
    QCOMPARE(error, EFBIG);
}

QTEST_GUILESS_MAIN(ProcessGuardTest)
#include "tst_processguard_unix.moc"
