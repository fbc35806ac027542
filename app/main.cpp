#include "cli/cli.h"

#include <QCoreApplication>
#include <QTextStream>

#include <cstdio>

int main(int argc, char *argv[])
{
    QStringList args;
    for (int i = 1; i < argc; ++i) {
        args.append(QString::fromLocal8Bit(argv[i]));
    }
    if (burnrate::cli::Cli::wantsCli(args)) {
        QCoreApplication app(argc, argv);
        QCoreApplication::setApplicationName(QStringLiteral("burnrate"));
        QCoreApplication::setApplicationVersion(QStringLiteral(BURNRATE_VERSION));
        QTextStream out(stdout);
        QTextStream err(stderr);
        burnrate::cli::Cli cli(out, err);
        return cli.run(args);
    }
    return 0;
}
