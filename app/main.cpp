#include "application.h"
#include "cli/cli.h"
#include "ui/appicon.h"
#include "ui/mainwindow.h"
#include "ui/singleinstance.h"
#include "util/appinfo.h"
#include "util/datadir.h"
#include "util/exitcode.h"
#include "util/logging.h"
#include "util/processguard.h"

#ifdef BURNRATE_BENCH_PROBES
#include "benchprobe.h" // only in bench/'s burnrate-bench, never in the shipped binary
#endif

#include <QApplication>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QMessageBox>
#include <QTextStream>

#include <optional>

namespace {

// The options of the app itself (Qt has already taken its own, like -platform). Unknown ones are a
// usage error, as on the command line.
std::optional<burnrate::Application::Options> parseGuiOptions(const QStringList &args, QString &error)
{
    burnrate::Application::Options options;
    options.dataDir = burnrate::defaultDataDir();
    for (qsizetype i = 0; i < args.size(); ++i) {
        const QString &a = args.at(i);
        if (a == QLatin1String("--demo")) {
            options.demo = true;
        } else if (a == QLatin1String("--verbose")) {
            // Handled in main(): the logs are on before anything starts.
        } else if (a == QLatin1String("--data-dir") && i + 1 < args.size() && !args.at(i + 1).isEmpty()) {
            options.dataDir = args.at(++i);
        } else if (a.startsWith(QLatin1String("--data-dir=")) && a.size() > 11) {
            options.dataDir = a.mid(11);
        } else if (a == QLatin1String("--data-dir") || a == QLatin1String("--data-dir=")) {
            error = QStringLiteral("--data-dir needs a folder");
            return std::nullopt;
        } else {
            error = QStringLiteral("unknown option %1 (see burnrate --help)").arg(a);
            return std::nullopt;
        }
    }
    return options;
}

int fail(const QString &message)
{
    QTextStream(stderr) << "burnrate: " << message << Qt::endl;
    QMessageBox::critical(nullptr, QCoreApplication::translate("main", "Burnrate"), message);
    return burnrate::ExitFailure;
}

// The desktop app: one instance per data kind (real or demo), then the Application until the user quits.
// `sinceMain` is read only by the timing probe of bench/burnrate-bench.
int runGui(int argc, char *argv[], [[maybe_unused]] const QElapsedTimer &sinceMain)
{
    using namespace burnrate;
    QApplication qapp(argc, argv);
    QApplication::setApplicationName(QStringLiteral("burnrate"));
    QApplication::setApplicationDisplayName(QStringLiteral("Burnrate"));
    QApplication::setApplicationVersion(appVersion());
    QApplication::setDesktopFileName(appId());
    QApplication::setWindowIcon(ui::appIcon());

    QString error;
    const auto options = parseGuiOptions(QCoreApplication::arguments().mid(1), error);
    if (!options) {
        QTextStream(stderr) << "burnrate: " << error << Qt::endl;
        return ExitUsage;
    }

    // Before any window: a second launch hands over to the first and leaves. Demo instances have
    // their own key, so a demo never takes the place of the real app or the other way round.
    ui::SingleInstance instance(ui::SingleInstance::defaultKey() +
                                (options->demo ? QStringLiteral("-demo") : QString()));
    if (instance.state() == ui::SingleInstance::State::Secondary) {
        instance.sendRaise();
        return ExitOk;
    }
    if (instance.state() == ui::SingleInstance::State::Failed) {
        QTextStream(stderr) << "burnrate: running without single-instance protection: " << instance.errorString()
                            << Qt::endl;
    }

    Application app(*options);
    if (auto started = app.start(); !started) {
        return fail(started.error());
    }
    QObject::connect(&instance, &ui::SingleInstance::raiseRequested, &app.window(), &ui::MainWindow::showAndRaise);
#ifdef BURNRATE_BENCH_PROBES
    std::optional<BenchProbe> probe;
    if (BenchProbe::requested()) {
        probe.emplace(app.window(), sinceMain);
    }
#endif
    return QApplication::exec();
}

} // namespace

int main(int argc, char *argv[])
{
    QElapsedTimer sinceMain;
    sinceMain.start();
    burnrate::guardProcess();
    QStringList args;
    for (int i = 1; i < argc; ++i) {
        args.append(QString::fromLocal8Bit(argv[i]));
    }
    // --verbose anywhere (before a command, after an import command, or for the app) turns the debug logs on.
    if (args.contains(QStringLiteral("--verbose"))) {
        burnrate::enableVerboseLogging();
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
    return runGui(argc, argv, sinceMain);
}
