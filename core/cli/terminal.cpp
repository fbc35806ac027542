#include "cli/terminal.h"

#include "cli/terminal_p.h"

#include <QFile>
#include <QIODevice>
#include <QTextStream>

namespace burnrate::cli {

std::optional<QString> readSecret(QIODevice *input, QTextStream &err, const QString &prompt)
{
    QByteArray bytes;
    if (input) {
        bytes = input->readAll();
    } else if (detail::stdinIsTerminal()) {
        err << prompt << Qt::flush;
        {
            const detail::EchoOff quiet;
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
