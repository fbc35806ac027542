// The terminal on POSIX systems: isatty(3) and termios.
#include "cli/terminal_p.h"

#include <termios.h>
#include <unistd.h>

namespace burnrate::cli::detail {

bool stdinIsTerminal()
{
    return ::isatty(STDIN_FILENO) == 1;
}

struct EchoOff::Saved
{
    termios mode{};
};

EchoOff::EchoOff()
{
    auto saved = std::make_unique<Saved>();
    if (::tcgetattr(STDIN_FILENO, &saved->mode) != 0) {
        return;
    }
    termios quiet = saved->mode;
    quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
    if (::tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0) {
        m_saved = std::move(saved);
    }
}

EchoOff::~EchoOff()
{
    if (m_saved) {
        ::tcsetattr(STDIN_FILENO, TCSAFLUSH, &m_saved->mode);
    }
}

} // namespace burnrate::cli::detail
