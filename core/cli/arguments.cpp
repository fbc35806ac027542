#include "cli/arguments.h"

namespace burnrate::cli {

Result<Arguments> Arguments::parse(const QStringList &args, const QSet<QString> &valueOptions,
                                   const QSet<QString> &flagOptions)
{
    Arguments out;
    bool optionsEnded = false;
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &arg = args.at(i);
        if (optionsEnded || !arg.startsWith(QLatin1Char('-')) || arg == QLatin1String("-")) {
            out.m_positionals.append(arg);
            continue;
        }
        if (arg == QLatin1String("--")) {
            optionsEnded = true;
            continue;
        }
        QString name = arg;
        QString value;
        bool inlineValue = false;
        if (const auto eq = arg.indexOf(QLatin1Char('=')); eq > 0) {
            name = arg.left(eq);
            value = arg.mid(eq + 1);
            inlineValue = true;
        }
        if (valueOptions.contains(name)) {
            if (!inlineValue) {
                if (i + 1 >= args.size()) {
                    return Result<Arguments>::failure(QStringLiteral("%1 needs a value").arg(name));
                }
                value = args.at(++i);
            }
            out.m_values.insert(name, value);
            out.m_repeated[name].append(value);
        } else if (flagOptions.contains(name) && !inlineValue) {
            out.m_flags.insert(name);
        } else {
            return Result<Arguments>::failure(QStringLiteral("unknown option %1").arg(name));
        }
    }
    return out;
}

} // namespace burnrate::cli
