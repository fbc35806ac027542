#ifndef BURNRATE_CORE_CLI_TERMINAL_H
#define BURNRATE_CORE_CLI_TERMINAL_H

#include <QString>

#include <optional>

class QIODevice;
class QTextStream;

namespace burnrate::cli {

// Reads a secret: from `input` when given (tests), else from standard input. On a terminal the prompt goes
// to `err` and the typed characters are not echoed; from a pipe the whole input is read. The secret is
// trimmed; std::nullopt when nothing came.
std::optional<QString> readSecret(QIODevice *input, QTextStream &err, const QString &prompt);

} // namespace burnrate::cli

#endif // BURNRATE_CORE_CLI_TERMINAL_H
