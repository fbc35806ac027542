#ifndef BURNRATE_CORE_CLI_TERMINAL_P_H
#define BURNRATE_CORE_CLI_TERMINAL_P_H

#include <memory>

// The terminal as the system sees it (terminal_unix.cpp, terminal_win.cpp).
namespace burnrate::cli::detail {

bool stdinIsTerminal();

// Turns the echo of typed characters off for its lifetime.
class EchoOff final
{
public:
    EchoOff();
    ~EchoOff();
    EchoOff(const EchoOff &) = delete;
    EchoOff &operator=(const EchoOff &) = delete;

private:
    struct Saved; // the terminal's mode before
    std::unique_ptr<Saved> m_saved;
};

} // namespace burnrate::cli::detail

#endif // BURNRATE_CORE_CLI_TERMINAL_P_H
