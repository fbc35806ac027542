// The writers of the kill test (bench/kill.sh) that no CLI command runs: the desktop app's budget check, which
// records the alerts it sends, and its settings writes. Each does through the core API what the app does, in a
// loop long enough to be killed in the middle, and ends in the same state however often it was killed before.
//
//   kill_writers budget-check --data-dir DIR --from YYYY-MM-DD --days N [--checks-per-day K]
//       the app's BudgetMonitor running for N local days from --from: K checks a day (BudgetEngine::check,
//       each one write transaction), the clock standing at each check's moment
//   kill_writers budget-status --data-dir DIR --at YYYY-MM-DD
//       every budget's status and today's anomaly at the start of that local day, as `budget status --format
//       json` prints them
//   kill_writers settings --data-dir DIR [--rounds N]
//       N rounds of what Settings saves in the app: calendar (time zone, week start), sync interval, anomaly
//       floor, onboarding state, agreed agent-log sources and the window state, each through its own writer, then
//       the ledger switched to the new calendar as Application::applyCalendar does (rollups bucketed again)
//   kill_writers settings-dump --data-dir DIR
//       every setting as the app reads it back, one "name = value" line each
#include "budget/budgetengine.h"
#include "budget/ledgerspendsource.h"
#include "cli/budgetformat.h"
#include "ledger/ledger.h"
#include "onboarding/onboardingstate.h"
#include "pricing/repricer.h"
#include "util/clock.h"
#include "util/settings.h"

#include <QCoreApplication>
#include <QSettings>
#include <QTextStream>

#include <array>
#include <memory>

using namespace burnrate;

namespace {

QTextStream &err()
{
    static QTextStream s(stderr);
    return s;
}

int fail(const QString &message)
{
    err() << "kill_writers: " << message << Qt::endl;
    return 1;
}

QString option(const QStringList &args, const char *name, const QString &fallback = {})
{
    const qsizetype i = args.indexOf(QLatin1String(name));
    return i >= 0 && i + 1 < args.size() ? args.at(i + 1) : fallback;
}

// The ledger as the app opens it: the calendar of the settings, then a killed re-pricing undone.
Result<std::unique_ptr<Ledger>> openLedger(const QString &dataDir)
{
    using R = Result<std::unique_ptr<Ledger>>;
    auto calendar = Settings(dataDir).calendar();
    if (!calendar) {
        return R::failure(calendar.error());
    }
    auto ledger = Ledger::open(dataDir, *calendar);
    if (!ledger) {
        return ledger;
    }
    if (auto st = Repricer::recoverInterrupted(**ledger); !st) {
        return R::failure(st.error());
    }
    return ledger;
}

int budgetCheck(const QString &dataDir, QDate from, int days, int checksPerDay)
{
    auto ledger = openLedger(dataDir);
    if (!ledger) {
        return fail(ledger.error());
    }
    LocalCalendar &calendar = (*ledger)->calendar();
    FixedClock clock(QDateTime::fromMSecsSinceEpoch(calendar.startOfDayUtcMs(from), QTimeZone::utc()));
    LedgerSpendSource spend(**ledger);
    BudgetEngine engine(**ledger, spend, clock, budgetOptionsFrom(Settings(dataDir)));
    const std::int64_t step = 86'400'000 / checksPerDay;
    int notifications = 0;
    for (int d = 0; d < days; ++d) {
        const std::int64_t dayStart = calendar.startOfDayUtcMs(from.addDays(d));
        for (int k = 0; k < checksPerDay; ++k) {
            clock.set(QDateTime::fromMSecsSinceEpoch(dayStart + step / 2 + k * step, QTimeZone::utc()));
            auto checked = engine.check();
            if (!checked) {
                return fail(checked.error());
            }
            notifications += static_cast<int>(checked->notifications.size());
        }
    }
    QTextStream(stdout) << "checks " << days * checksPerDay << ", notifications " << notifications << Qt::endl;
    return 0;
}

int budgetStatus(const QString &dataDir, QDate at)
{
    auto ledger = openLedger(dataDir);
    if (!ledger) {
        return fail(ledger.error());
    }
    LocalCalendar &calendar = (*ledger)->calendar();
    const FixedClock clock(QDateTime::fromMSecsSinceEpoch(calendar.startOfDayUtcMs(at), QTimeZone::utc()));
    LedgerSpendSource spend(**ledger);
    BudgetEngine engine(**ledger, spend, clock, budgetOptionsFrom(Settings(dataDir)));
    auto statuses = engine.statuses();
    if (!statuses) {
        return fail(statuses.error());
    }
    auto today = engine.anomaly();
    if (!today) {
        return fail(today.error());
    }
    const cli::BudgetStatusReport report{QString::fromUtf8(calendar.zoneId()), clock.nowMs(), *statuses, *today};
    QTextStream(stdout) << QString::fromUtf8(cli::budgetStatusJson(report, calendar));
    return 0;
}

// The zones the rounds go through: whole, half and three-quarter hour offsets on both sides of UTC.
constexpr std::array<const char *, 6> Zones = {"Europe/Berlin", "America/New_York",  "Asia/Kolkata", "Pacific/Chatham",
                                               "UTC",           "Australia/Adelaide"};

int settingsRounds(const QString &dataDir, int rounds)
{
    auto ledger = openLedger(dataDir);
    if (!ledger) {
        return fail(ledger.error());
    }
    Settings settings(dataDir);
    for (int r = 0; r < rounds; ++r) {
        // What the settings dialog saves (calendar, sync interval), the anomaly floor the budget check reads...
        settings.setValue(Settings::Key::Timezone,
                          QString::fromLatin1(Zones.at(static_cast<size_t>(r) % Zones.size())));
        settings.setValue(Settings::Key::WeekStart, 1 + r % 7);
        settings.setValue(Settings::Key::SyncIntervalMinutes, 5 + 5 * r);
        settings.setValue(Settings::Key::AnomalyFloorUsd, QStringLiteral("%1.50").arg(r + 1));
        // ...the first-run onboarding and the agent-log sources...
        if (r % 2 == 0) {
            OnboardingState::markCompleted(settings);
        } else {
            OnboardingState::markSkipped(settings);
        }
        OnboardingState::setAgreed(settings, AgentLogSource::ClaudeCode, r % 2 == 0);
        OnboardingState::setAgreed(settings, AgentLogSource::Codex, r % 3 != 1);
        // ...and the window's state, which MainWindow keeps in the same file.
        {
            QSettings window(settings.filePath(), QSettings::IniFormat);
            window.beginGroup(QStringLiteral("MainWindow"));
            window.setValue(QStringLiteral("geometry"), QByteArray(64 + r, static_cast<char>('a' + r % 26)));
            window.setValue(QStringLiteral("state"), QByteArray(32 + 3 * r, static_cast<char>('A' + r % 26)));
            window.setValue(QStringLiteral("page"),
                            r % 2 == 0 ? QStringLiteral("budgets") : QStringLiteral("overview"));
            window.endGroup();
            window.sync();
            if (window.status() != QSettings::NoError) {
                return fail(QStringLiteral("cannot write %1").arg(settings.filePath()));
            }
        }
        auto calendar = settings.calendar();
        if (!calendar) {
            return fail(calendar.error());
        }
        if (auto st = (*ledger)->setCalendar(*calendar); !st) {
            return fail(st.error());
        }
    }
    QTextStream(stdout) << "rounds " << rounds << Qt::endl;
    return 0;
}

int settingsDump(const QString &dataDir)
{
    const Settings settings(dataDir);
    QTextStream out(stdout);
    for (const Settings::Key key : Settings::allKeys()) {
        const QVariant v = settings.value(key);
        out << Settings::keyName(key) << " = "
            << (v.typeId() == QMetaType::QStringList ? v.toStringList().join(QLatin1Char(',')) : v.toString()) << '\n';
    }
    QSettings window(settings.filePath(), QSettings::IniFormat);
    window.beginGroup(QStringLiteral("MainWindow"));
    for (const QString &key : window.childKeys()) {
        const QVariant v = window.value(key);
        out << "MainWindow/" << key << " = "
            << (v.typeId() == QMetaType::QByteArray ? QString::fromLatin1(v.toByteArray().toHex()) : v.toString())
            << '\n';
    }
    const auto calendar = settings.calendar();
    out << "calendar = "
        << (calendar ? QStringLiteral("%1, week starts on day %2")
                           .arg(QString::fromUtf8(calendar->zoneId()))
                           .arg(static_cast<int>(calendar->weekStart()))
                     : calendar.error())
        << Qt::endl;
    return window.status() == QSettings::NoError && calendar ? 0 : 1;
}

int usage()
{
    err() << "usage: kill_writers budget-check --data-dir DIR --from YYYY-MM-DD --days N [--checks-per-day K]\n"
             "       kill_writers budget-status --data-dir DIR --at YYYY-MM-DD\n"
             "       kill_writers settings --data-dir DIR [--rounds N]\n"
             "       kill_writers settings-dump --data-dir DIR"
          << Qt::endl;
    return 2;
}

} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    const QString mode = args.value(0);
    const QString dataDir = option(args, "--data-dir");
    if (dataDir.isEmpty()) {
        return usage();
    }
    if (mode == QLatin1String("budget-check")) {
        const QDate from = QDate::fromString(option(args, "--from"), Qt::ISODate);
        const int days = option(args, "--days").toInt();
        const int perDay = option(args, "--checks-per-day", QStringLiteral("4")).toInt();
        if (!from.isValid() || days < 1 || perDay < 1 || perDay > 1440) {
            return usage();
        }
        return budgetCheck(dataDir, from, days, perDay);
    }
    if (mode == QLatin1String("budget-status")) {
        const QDate at = QDate::fromString(option(args, "--at"), Qt::ISODate);
        return at.isValid() ? budgetStatus(dataDir, at) : usage();
    }
    if (mode == QLatin1String("settings")) {
        const int rounds = option(args, "--rounds", QStringLiteral("6")).toInt();
        return rounds >= 1 ? settingsRounds(dataDir, rounds) : usage();
    }
    if (mode == QLatin1String("settings-dump")) {
        return settingsDump(dataDir);
    }
    return usage();
}
