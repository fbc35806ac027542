#ifndef BURNRATE_CORE_UTIL_RUNERROR_H
#define BURNRATE_CORE_UTIL_RUNERROR_H

#include <QString>

#include <utility>

namespace burnrate {

// The error of work that can be stopped half-way (a reprice, a baseline comparison): callers branch on the kind
// and show the message.
struct RunError
{
    enum class Kind
    {
        Failed,   // the ledger or the price book could not be read or written
        Cancelled // the progress callback asked to stop
    };
    Kind kind = Kind::Failed;
    QString message; // one line, for the user

    static RunError failed(QString message) { return {Kind::Failed, std::move(message)}; }
    static RunError cancelled(QString message = QStringLiteral("cancelled"))
    {
        return {Kind::Cancelled, std::move(message)};
    }
    bool isCancelled() const { return kind == Kind::Cancelled; }
};

} // namespace burnrate

#endif // BURNRATE_CORE_UTIL_RUNERROR_H
