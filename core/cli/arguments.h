#ifndef BURNRATE_CORE_CLI_ARGUMENTS_H
#define BURNRATE_CORE_CLI_ARGUMENTS_H

#include "util/result.h"

#include <QHash>
#include <QSet>
#include <QString>
#include <QStringList>

namespace burnrate::cli {

// A tiny option parser for one command: "--name value", "--name=value", flags, and positionals.
// "--" ends options; a lone "-" is a positional (standard input).
class Arguments final
{
public:
    // valueOptions take a value; flagOptions do not. Anything else starting with "--" is an error.
    static Result<Arguments> parse(const QStringList &args, const QSet<QString> &valueOptions,
                                   const QSet<QString> &flagOptions);

    bool has(const QString &option) const { return m_values.contains(option) || m_flags.contains(option); }
    QString value(const QString &option, const QString &fallback = QString()) const
    {
        return m_values.value(option, fallback);
    }
    // Every value a repeatable option was given, in order.
    QStringList values(const QString &option) const { return m_repeated.value(option); }
    const QStringList &positionals() const { return m_positionals; }

private:
    QHash<QString, QString> m_values; // the last value of each
    QHash<QString, QStringList> m_repeated;
    QSet<QString> m_flags;
    QStringList m_positionals;
};

} // namespace burnrate::cli

#endif // BURNRATE_CORE_CLI_ARGUMENTS_H
