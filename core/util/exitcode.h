#ifndef BURNRATE_CORE_UTIL_EXITCODE_H
#define BURNRATE_CORE_UTIL_EXITCODE_H

namespace burnrate {

// The exit codes of the `burnrate` binary, whether it ran a command or the desktop app.
enum ExitCode
{
    ExitOk = 0,
    ExitFailure = 1, // a failure, or some input lines rejected
    ExitUsage = 2    // the command line was wrong
};

} // namespace burnrate

#endif // BURNRATE_CORE_UTIL_EXITCODE_H
