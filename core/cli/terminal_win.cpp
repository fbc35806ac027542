// The terminal on Windows: the console's input mode.
#include "cli/terminal_p.h"

#include <io.h>
#include <windows.h>

#include <cstdio>

namespace burnrate::cli::detail {

bool stdinIsTerminal()
{
    return _isatty(_fileno(stdin)) != 0;
}

struct EchoOff::Saved
{
    HANDLE handle = nullptr;
    DWORD mode = 0;
};

EchoOff::EchoOff()
{
    auto saved = std::make_unique<Saved>();
    saved->handle = GetStdHandle(STD_INPUT_HANDLE);
    if (!GetConsoleMode(saved->handle, &saved->mode)) {
        return;
    }
    if (SetConsoleMode(saved->handle, saved->mode & ~static_cast<DWORD>(ENABLE_ECHO_INPUT))) {
        m_saved = std::move(saved);
    }
}

EchoOff::~EchoOff()
{
    if (m_saved) {
        SetConsoleMode(m_saved->handle, m_saved->mode);
    }
}

} // namespace burnrate::cli::detail
