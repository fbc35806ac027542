#ifndef BURNRATE_CORE_CLI_CLI_H
#define BURNRATE_CORE_CLI_CLI_H

#include <QString>
#include <QStringList>

class QTextStream;

namespace burnrate {
class Clock;
}

namespace burnrate::cli {

enum ExitCode
{
    ExitOk = 0,
    ExitFailure = 1,
    ExitUsage = 2
};

// The command line of the `burnrate` binary. Commands only call core services; nothing here starts
// a GUI. Output goes to the given streams so that tests can run commands in-process.
class Cli final
{
public:
    Cli(QTextStream &out, QTextStream &err);

    // `args` excludes the program name.
    int run(const QStringList &args);
    // "Now" for the commands (tests fix it); by default the system clock.
    void setClock(const Clock *clock) { m_clock = clock; }

    // True when `args` name a command or --help/--version, i.e. the GUI must not start.
    static bool wantsCli(const QStringList &args);
    // $BURNRATE_DATA_DIR, else ~/.local/share/burnrate (the platform's data location).
    static QString defaultDataDir();
    static QString helpText();

private:
    int fail(int code, const QString &message);

    QTextStream &m_out;
    QTextStream &m_err;
    const Clock *m_clock = nullptr;
};

} // namespace burnrate::cli

#endif // BURNRATE_CORE_CLI_CLI_H
