#ifndef BURNRATE_CORE_UTIL_LOGGING_H
#define BURNRATE_CORE_UTIL_LOGGING_H

// Burnrate logs through Qt's categories, one per module, named "burnrate.<module>" (burnrate.ledger,
// burnrate.providers, ...; the desktop app's are burnrate.ui.*). Warnings and information are on; debug
// messages are off until `--verbose` (or QT_LOGGING_RULES) turns them on. Nothing logged ever holds a key: the
// provider modules log endpoints and outcomes, never headers.

namespace burnrate {

// Turns on the debug messages of every burnrate.* category, for `burnrate --verbose`.
void enableVerboseLogging();

} // namespace burnrate

#endif // BURNRATE_CORE_UTIL_LOGGING_H
