#ifndef BURNRATE_TESTS_CORE_CLI_CLITESTUTIL_H
#define BURNRATE_TESTS_CORE_CLI_CLITESTUTIL_H

// Runs the command line in-process on a data folder, with its output captured: what every CLI test does.
#include "cli/cli.h"

#include <QBuffer>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

namespace burnrate::test {

struct CliRun
{
    int code = -1;
    QString out;
    QString err;

    QJsonObject json() const { return QJsonDocument::fromJson(out.toUtf8()).object(); }
};

// `burnrate --data-dir DATADIR ARGS...` with `services` (unset members are the real ones).
inline CliRun runCli(const QString &dataDir, const QStringList &args, cli::CliServices services = {})
{
    QByteArray outBytes;
    QByteArray errBytes;
    QBuffer outBuf(&outBytes);
    QBuffer errBuf(&errBytes);
    outBuf.open(QIODevice::WriteOnly);
    errBuf.open(QIODevice::WriteOnly);
    QTextStream out(&outBuf);
    QTextStream err(&errBuf);
    CliRun r;
    r.code = cli::Cli(out, err, std::move(services)).run(QStringList{QStringLiteral("--data-dir"), dataDir} + args);
    out.flush();
    err.flush();
    r.out = QString::fromUtf8(outBytes);
    r.err = QString::fromUtf8(errBytes);
    return r;
}

} // namespace burnrate::test

#endif // BURNRATE_TESTS_CORE_CLI_CLITESTUTIL_H
