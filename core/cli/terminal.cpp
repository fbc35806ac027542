#include "cli/terminal.h"

#include <QFile>
#include <QIODevice>
#include <QTextStream>

#include <cstdio>

#if defined(Q_OS_UNIX)
#include <termios.h>
#include <unistd.h>
#elif defined(Q_OS_WIN)
#include <io.h>
#include <windows.h>
#endif

namespace burnrate::cli {

namespace {

bool stdinIsTerminal()
{
#if defined(Q_OS_UNIX)
    return ::isatty(STDIN_FILENO) == 1;
#elif defined(Q_OS_WIN)
    return _isatty(_fileno(stdin)) != 0;
#else
    return false;
#endif
}

// Turns terminal echo off for its lifetime.
class EchoOff
{
public:
    EchoOff()
    {
#if defined(Q_OS_UNIX)
        if (::tcgetattr(STDIN_FILENO, &m_saved) == 0) {
            termios quiet = m_saved;
            quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
            m_active = ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
        }
#elif defined(Q_OS_WIN)
        m_handle = GetStdHandle(STD_INPUT_HANDLE);
        if (GetConsoleMode(m_handle, &m_saved)) {
            m_active = SetConsoleMode(m_handle, m_saved & ~static_cast<DWORD>(ENABLE_ECHO_INPUT));
        }
#endif
    }
    ~EchoOff()
    {
#if defined(Q_OS_UNIX)
        if (m_active) {
            ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &m_saved);
        }
#elif defined(Q_OS_WIN)
        if (m_active) {
            SetConsoleMode(m_handle, m_saved);
        }
#endif
    }
    EchoOff(const EchoOff &) = delete;
    EchoOff &operator=(const EchoOff &) = delete;

private:
    bool m_active = false;
#if defined(Q_OS_UNIX)
    termios m_saved{};
#elif defined(Q_OS_WIN)
    HANDLE m_handle = nullptr;
    DWORD m_saved = 0;
#endif
};

} // namespace

std::optional<QString> readSecret(QIODevice *input, QTextStream &err, const QString &prompt)
{
    QByteArray bytes;
    if (input) {
        bytes = input->readAll();
    } else if (stdinIsTerminal()) {
        err << prompt << Qt::flush;
        {
            const EchoOff quiet;
            QFile in;
            if (in.open(stdin, QIODevice::ReadOnly)) {
                bytes = in.readLine();
            }
        }
        err << Qt::endl;
    } else {
        QFile in;
        if (in.open(stdin, QIODevice::ReadOnly)) {
            bytes = in.readAll();
        }
    }
    const QString text = QString::fromUtf8(bytes).trimmed();
    bytes.fill('\0');
    if (text.isEmpty()) {
        return std::nullopt;
    }
    return text;
}

} // namespace burnrate::cli
