#ifndef BURNRATE_CORE_CLI_CLI_H
#define BURNRATE_CORE_CLI_CLI_H

#include "providers/httpclient.h"
#include "util/exitcode.h"

#include <QString>
#include <QStringList>

#include <functional>
#include <memory>

class QIODevice;
class QNetworkAccessManager;
class QTextStream;

namespace burnrate {
class Clock;
class SecretStore;
} // namespace burnrate

namespace burnrate::cli {

using burnrate::ExitCode;
using burnrate::ExitFailure;
using burnrate::ExitOk;
using burnrate::ExitUsage;

// What commands talk to outside the ledger. Unset members get the real thing: the system clock, the OS keychain,
// a network access manager, the process environment and standard input.
struct CliServices
{
    const Clock *clock = nullptr;
    SecretStore *secrets = nullptr;
    QNetworkAccessManager *nam = nullptr;
    std::function<QString(const QString &name)> env;
    QIODevice *input = nullptr; // where `keys set` reads the key; standard input (echo off on a terminal) if unset
    HttpPolicy policy;
};

// The command line of the `burnrate` binary. Commands only call core services; nothing here starts
// a GUI. Output goes to the given streams so that tests can run commands in-process.
class Cli final
{
public:
    Cli(QTextStream &out, QTextStream &err, CliServices services = {});
    ~Cli();

    // `args` excludes the program name.
    int run(const QStringList &args);
    // "Now" for the commands (tests fix it), the same as CliServices::clock; by default the system clock.
    void setClock(const Clock *clock) { m_services.clock = clock; }

    // True when `args` name a command or --help/--version, i.e. the GUI must not start.
    static bool wantsCli(const QStringList &args);
    static QString helpText();

private:
    int fail(int code, const QString &message);

    QTextStream &m_out;
    QTextStream &m_err;
    CliServices m_services;
    struct Owned;
    std::unique_ptr<Owned> m_owned; // the real services, made on first use
    CliServices &services();
};

} // namespace burnrate::cli

#endif // BURNRATE_CORE_CLI_CLI_H
