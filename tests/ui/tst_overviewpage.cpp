// The overview on a ledger of known content, in the real window on the harness's X server: every card, the
// chart's series, the budget meters, the credit and the sync status equal what the test works out by hand from
// the events it wrote. Saves screenshots/overview.png.
#include "../core/demo/demoledger.h"
#include "budget/budgetstore.h"
#include "guitest.h"
#include "ledger/database.h"
#include "ledger/eventwriter.h"
#include "money/money.h"
#include "providers/syncstore.h"
#include "screenshots.h"
#include "ui/charts/trendchart.h"
#include "ui/format.h"
#include "ui/mainwindow.h"
#include "ui/pages/overviewpage.h"
#include "ui/tray/ringicon.h"
#include "ui/widgets/budgetmeter.h"
#include "ui/widgets/spendcard.h"
#include "util/timestamp.h"

#include <QAbstractButton>
#include <QApplication>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QDir>
#include <QHash>
#include <QLabel>
#include <QScrollArea>
#include <QScrollBar>
#include <QSet>
#include <QStackedBarSeries>
#include <QTableWidget>

namespace burnrate::test {

using ui::MainWindow;
using ui::SpendCard;

namespace {

constexpr std::int64_t Usd = Money::NanoPerUsd;
constexpr std::int64_t Cent = Usd / 100;

struct Known
{
    const char *key;
    const char *at; // UTC
    const char *provider;
    std::optional<std::int64_t> costNano;
    Billing billing = Billing::Api;
};

// "Now" is Wednesday 18 November 2026, 16:30 in Berlin (demoNow()); the week starts on Monday the 16th.
const Known Events[] = {
    {"today", "2026-11-18T10:00:00Z", "openai", 2 * Usd},
    {"unpriced", "2026-11-18T09:00:00Z", "openai", std::nullopt},
    {"monday", "2026-11-16T10:00:00Z", "anthropic", 3 * Usd + 25 * Cent},
    {"subscription", "2026-11-16T11:00:00Z", "anthropic", 13 * Usd, Billing::Subscription},
    {"tenth", "2026-11-10T10:00:00Z", "openai", 5 * Usd},
    {"second", "2026-11-02T10:00:00Z", "anthropic", 7 * Usd},
    {"october", "2026-10-20T10:00:00Z", "openai", 11 * Usd}, // the first of the last 30 days
    {"september", "2026-09-01T10:00:00Z", "anthropic", 17 * Usd},
};

QString money(std::int64_t nano)
{
    return Money::fromNano(nano).toDisplayString();
}

// Sum of the API-billed events whose local (Berlin) day is in [from, until], of one provider or all.
std::int64_t spent(QDate from, QDate until, const char *provider = nullptr)
{
    const QTimeZone berlin("Europe/Berlin");
    std::int64_t sum = 0;
    for (const Known &e : Events) {
        const QDate day = QDateTime::fromMSecsSinceEpoch(*parseRfc3339Ms(e.at), berlin).date();
        if (e.billing == Billing::Api && e.costNano && day >= from && day <= until &&
            (provider == nullptr || qstrcmp(provider, e.provider) == 0)) {
            sum += *e.costNano;
        }
    }
    return sum;
}

// Sum of the API-billed events at [fromMs, untilMs) UTC.
std::int64_t spentBetween(std::int64_t fromMs, std::int64_t untilMs)
{
    std::int64_t sum = 0;
    for (const Known &e : Events) {
        const std::int64_t t = *parseRfc3339Ms(e.at);
        if (e.billing == Billing::Api && e.costNano && t >= fromMs && t < untilMs) {
            sum += *e.costNano;
        }
    }
    return sum;
}

} // namespace

class OverviewPageTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cardsShowTheKnownSpend();
    void forecastFollowsTheLastSevenDays();
    void creditLeftFromTheNewestBalance();
    void budgetMetersShowPercentAndTone();
    void chartHasOneSeriesPerProvider();
    void chartRangesRegroup();
    void syncStatusInWords();
    void screenshot();
    void showBudgetsScrollsToTheMeters();
    void chartAndTablesScreenshot();
    void budgetsFromTheMonitor();
    void darkPalette();

private:
    std::unique_ptr<DemoLedger> m_ledger;
    std::unique_ptr<MainWindow> m_window;
    ui::OverviewPage *m_page = nullptr;
};

void OverviewPageTest::initTestCase()
{
    BURNRATE_REQUIRE_HARNESS();
    m_ledger = makeLedger(false);
    QVERIFY2(m_ledger->ok(), qPrintable(m_ledger->error));
    Ledger &ledger = *m_ledger->ledger;
    EventWriter writer(ledger.db(), ledger.calendar());
    for (const Known &k : Events) {
        EventRecord e;
        e.source = QStringLiteral("test");
        e.sourceKey = QLatin1String(k.key);
        e.occurredAtMs = *parseRfc3339Ms(k.at);
        e.provider = QLatin1String(k.provider);
        e.model = k.costNano ? QStringLiteral("model-%1").arg(QLatin1String(k.provider)) : QStringLiteral("mystery-9");
        e.tokens.inputUncached = 1000;
        e.tokens.output = 100;
        e.costNano = k.costNano;
        e.billing = k.billing;
        QVERIFY(writer.upsert(e).ok());
    }
    QVERIFY(writer.commit().ok());

    const std::int64_t now = m_ledger->clock.nowMs();
    BudgetStore budgets(ledger.db());
    Budget monthly;
    monthly.name = QStringLiteral("Everything");
    monthly.amountNano = 20 * Usd;
    QVERIFY(budgets.save(monthly, now).ok());
    Budget weekly;
    weekly.name = QStringLiteral("OpenAI weekly");
    weekly.scope = *BudgetScope::parse(QStringLiteral("provider:openai"));
    weekly.period = BudgetPeriod::Weekly;
    weekly.amountNano = 4 * Usd;
    QVERIFY(budgets.save(weekly, now).ok());

    // One reading each (two would be spend by difference): OpenRouter in USD, DeepSeek in CNY.
    for (const auto &[provider, currency, credit] :
         {std::tuple{"openrouter", "USD", 4 * Usd + 50 * Cent}, std::tuple{"deepseek", "CNY", 30 * Usd}}) {
        QVERIFY(ledger.db()
                    .exec(QStringLiteral("INSERT INTO balances (provider, source, currency, at, credit_nano) VALUES"
                                         " ('%1', 'credits', '%2', %3, %4)")
                              .arg(QLatin1String(provider), QLatin1String(currency))
                              .arg(now - 3'600'000)
                              .arg(credit)
                              .toStdString())
                    .ok());
    }
    QVERIFY(SyncStore(ledger.db())
                .recordFailure(QStringLiteral("openai"), QStringLiteral("costs"), now - 600'000,
                               QStringLiteral("the key was refused (HTTP 401)"))
                .ok());

    m_window = std::make_unique<MainWindow>(ledger, m_ledger->clock);
    m_page = m_window->overviewPage();
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QCOMPARE(m_window->currentPage(), m_page);
}

void OverviewPageTest::cardsShowTheKnownSpend()
{
    const QDate today(2026, 11, 18);
    const auto card = [this](const char *name) {
        return m_page->findChild<SpendCard *>(QLatin1String(name));
    };
    QCOMPARE(card("todayCard")->amount(), money(2 * Usd));
    QCOMPARE(spent(today, today), 2 * Usd);
    QVERIFY2(card("todayCard")->detail().contains(QStringLiteral("2 requests")),
             qPrintable(card("todayCard")->detail()));
    QCOMPARE(card("weekCard")->amount(), money(spent(QDate(2026, 11, 16), today)));
    QCOMPARE(card("weekCard")->amount(), QStringLiteral("$5.25"));
    QCOMPARE(card("monthCard")->amount(), money(spent(QDate(2026, 11, 1), today)));
    QCOMPARE(card("monthCard")->amount(), QStringLiteral("$17.25"));
    // Subscription use is shown as what it is, never added to spend.
    QVERIFY2(card("monthCard")->detail().contains(money(13 * Usd)), qPrintable(card("monthCard")->detail()));
    for (const char *name : {"todayCard", "weekCard", "monthCard", "forecastCard"}) {
        QCOMPARE(card(name)->provenance(), QStringLiteral("local estimate"));
    }
    auto *unpriced = m_page->findChild<QLabel *>(QStringLiteral("unpricedNote"));
    QVERIFY(unpriced->isVisible());
    QVERIFY(unpriced->text().contains(QStringLiteral("1 request")));
    QVERIFY(unpriced->text().contains(QStringLiteral("mystery-9")));
    QVERIFY(!m_page->findChild<QLabel *>(QStringLiteral("emptyNote"))->isVisible());
}

void OverviewPageTest::forecastFollowsTheLastSevenDays()
{
    // The last 7 × 24 hours (as the budgets count them) spent $5.25: Monday's $3.25 and today's $2; the month
    // ends at Berlin midnight, 30 Nov 23:00 UTC.
    const std::int64_t week = 7 * 86'400'000LL;
    const std::int64_t trailing = spentBetween(m_ledger->clock.nowMs() - week, m_ledger->clock.nowMs());
    QCOMPARE(trailing, 5 * Usd + 25 * Cent);
    const std::int64_t left = *parseRfc3339Ms("2026-11-30T23:00:00Z") - m_ledger->clock.nowMs();
    // Exact in integers: trailing × left ÷ week, rounded half up (trailing × left fits in int64 here).
    const std::int64_t expected = spent(QDate(2026, 11, 1), QDate(2026, 11, 18)) + (trailing * left + week / 2) / week;
    auto *forecast = m_page->findChild<SpendCard *>(QStringLiteral("forecastCard"));
    QCOMPARE(forecast->amount(), money(expected));
    QVERIFY2(forecast->detail().contains(money((trailing * 86'400'000LL + week / 2) / week)),
             qPrintable(forecast->detail()));
}

void OverviewPageTest::creditLeftFromTheNewestBalance()
{
    auto *credit = m_page->findChild<SpendCard *>(QStringLiteral("creditCard"));
    QCOMPARE(credit->amount(), QStringLiteral("$4.50")); // OpenRouter's; CNY is listed, not added
    QVERIFY2(credit->detail().contains(QStringLiteral("30.00 CNY")), qPrintable(credit->detail()));
    QVERIFY(credit->detail().contains(QStringLiteral("OpenRouter $4.50")));
    QVERIFY(credit->provenance().startsWith(QStringLiteral("balance as of")));
}

void OverviewPageTest::budgetMetersShowPercentAndTone()
{
    const QList<ui::BudgetMeter *> meters = m_page->budgetMeters();
    QCOMPARE(meters.size(), 2);
    // $17.25 of $20 this month: 86.25 %, shown rounded down to 86.2 %, orange like the tray ring.
    const std::int64_t month = spent(QDate(2026, 11, 1), QDate(2026, 11, 18));
    QCOMPARE(meters.at(0)->status().budget.name, QStringLiteral("Everything"));
    QCOMPARE(meters.at(0)->status().basisPoints(), month * 10'000 / (20 * Usd));
    QCOMPARE(meters.at(0)->percentText(), QStringLiteral("86.2 %"));
    QCOMPARE(meters.at(0)->tone(), ui::ringTone(0.8625));
    QCOMPARE(meters.at(0)->tone(), ui::ringTone(0.95)); // the orange band
    QVERIFY(meters.at(0)->detailText().startsWith(money(month) + QStringLiteral(" of $20.00")));
    // OpenAI this week: $2 of $4, exactly 50 %: amber, not green.
    QCOMPARE(meters.at(1)->percentText(), QStringLiteral("50.0 %"));
    QCOMPARE(meters.at(1)->tone(), ui::ringTone(0.5));
    QVERIFY(meters.at(1)->tone() != ui::ringTone(0.49));
}

void OverviewPageTest::chartHasOneSeriesPerProvider()
{
    ui::TrendChart *trend = m_page->trendChart();
    QCOMPARE(trend->range(), ReportBy::Day);
    QCOMPARE(trend->chart()->series().size(), 1);
    auto *series = qobject_cast<QStackedBarSeries *>(trend->chart()->series().first());
    QVERIFY(series);
    QCOMPARE(series->count(), 2);
    QHash<QString, double> totals;
    for (QBarSet *set : series->barSets()) {
        QCOMPARE(set->count(), 30); // every day of the range, zeros included
        totals.insert(set->label(), set->sum());
    }
    const QDate first(2026, 10, 20);
    const QDate today(2026, 11, 18);
    QCOMPARE(totals.value(QStringLiteral("OpenAI")), double(spent(first, today, "openai")) / double(Usd));
    QCOMPARE(totals.value(QStringLiteral("Anthropic")), double(spent(first, today, "anthropic")) / double(Usd));
    QCOMPARE(totals.value(QStringLiteral("OpenAI")), 18.0);
    QCOMPARE(totals.value(QStringLiteral("Anthropic")), 10.25);
    QCOMPARE(series->barSets().first()->label(), QStringLiteral("OpenAI")); // most spend first
    QCOMPARE(trend->trend().totalNano, spent(first, today));
    // The money axis is labelled in the user's format.
    auto *y = qobject_cast<QCategoryAxis *>(trend->chart()->axes(Qt::Vertical).first());
    QVERIFY(y);
    QVERIFY(y->categoriesLabels().contains(QStringLiteral("$0")));
}

void OverviewPageTest::chartRangesRegroup()
{
    ui::TrendChart *trend = m_page->trendChart();
    trend->rangeButton(ReportBy::Month)->click();
    QCOMPARE(trend->range(), ReportBy::Month);
    auto *series = qobject_cast<QStackedBarSeries *>(trend->chart()->series().first());
    QHash<QString, double> totals;
    for (QBarSet *set : series->barSets()) {
        QCOMPARE(set->count(), 12);
        totals.insert(set->label(), set->sum());
    }
    // Twelve months back to December 2025: September's $17 is in, so is everything else.
    QCOMPARE(totals.value(QStringLiteral("Anthropic")), 27.25);
    QCOMPARE(totals.value(QStringLiteral("OpenAI")), 18.0);
    QCOMPARE(series->barSets().first()->label(), QStringLiteral("Anthropic")); // most spend first
    QCOMPARE(series->barSets().first()->at(11), 10.25);                        // November
    trend->rangeButton(ReportBy::Week)->click();
    series = qobject_cast<QStackedBarSeries *>(trend->chart()->series().first());
    QCOMPARE(series->barSets().first()->count(), 12);
    // Week of Monday 16 Nov is the last bucket: OpenAI $2.
    QCOMPARE(series->barSets().first()->label(), QStringLiteral("Anthropic"));
    QCOMPARE(series->barSets().at(1)->at(11), 2.0);
    trend->rangeButton(ReportBy::Day)->click();
    QCOMPARE(trend->range(), ReportBy::Day);
}

void OverviewPageTest::syncStatusInWords()
{
    auto *table = m_page->findChild<QTableWidget *>(QStringLiteral("syncTable"));
    QVERIFY(table && table->isVisible());
    QCOMPARE(table->rowCount(), 1);
    QCOMPARE(table->item(0, 0)->text(), QStringLiteral("OpenAI"));
    QCOMPARE(table->item(0, 1)->text(), QStringLiteral("never"));
    QVERIFY(table->item(0, 2)->text().contains(QStringLiteral("the key was refused (HTTP 401)")));
}

void OverviewPageTest::showBudgetsScrollsToTheMeters()
{
    m_window->resize(1120, 600);
    QTRY_COMPARE(m_window->height(), 600);
    QScrollArea *scroll = m_page->scrollArea();
    scroll->verticalScrollBar()->setValue(scroll->verticalScrollBar()->maximum());
    m_window->showBudgets();
    QWidget *section = m_page->budgetsSection();
    const int top = section->mapTo(scroll->viewport(), QPoint(0, 0)).y();
    QVERIFY2(top >= 0 && top < 40, qPrintable(QString::number(top)));
    QVERIFY(scroll->verticalScrollBar()->value() > 0);
    m_window->resize(1120, 740);
    QTRY_COMPARE(m_window->height(), 740);
    scroll->verticalScrollBar()->setValue(0);
}

void OverviewPageTest::screenshot()
{
    QImage shot;
    const QSize expected = QSize(1120, 740) * m_window->devicePixelRatio();
    QTRY_VERIFY_WITH_TIMEOUT((shot = m_window->screen()->grabWindow(m_window->winId()).toImage()).size() == expected,
                             5000);
    const QString path = screenshotPath(QStringLiteral("overview.png"));
    QVERIFY2(shot.save(path), qPrintable(path));
    const ShotColours colours(shot);
    qInfo("screenshot: %s, %lld colours, %.1f %% off the background", qPrintable(path),
          qint64(colours.histogram.size()), colours.offBackgroundPercent());
    QVERIFY(colours.looksDrawn());
    // All of it painted: no black band of a window the X server has not been given yet.
    QVERIFY(colours.histogram.value(0) * 100 < colours.total * 2);
    // The budget meters' colours are on screen: the orange of 86 % and the amber of 50 %.
    QVERIFY(colours.histogram.contains(ui::ringTone(0.8625).rgb() & 0xFFFFFF));
    QVERIFY(colours.histogram.contains(ui::ringTone(0.5).rgb() & 0xFFFFFF));
}

// The lower half of the page, scrolled to the chart: rendered by the widgets themselves.
void OverviewPageTest::chartAndTablesScreenshot()
{
    QScrollArea *scroll = m_page->scrollArea();
    scroll->verticalScrollBar()->setValue(m_page->trendChart()->parentWidget()->y() - 12);
    const QImage shot = m_window->grab().toImage();
    QCOMPARE(shot.size(), QSize(1120, 740) * m_window->devicePixelRatio());
    const QString path = screenshotPath(QStringLiteral("overview-chart.png"));
    QVERIFY2(shot.save(path), qPrintable(path));
    // The bars are drawn: the chart's area holds many colours.
    const QRect chart(m_page->trendChart()->mapTo(m_window.get(), QPoint(0, 0)), m_page->trendChart()->size());
    QSet<QRgb> colours;
    for (int y = chart.top(); y < chart.bottom() && y < shot.height(); y += 2) {
        for (int x = chart.left(); x < chart.right(); x += 2) {
            colours.insert(shot.pixel(x, y));
        }
    }
    QVERIFY2(colours.size() >= 16, qPrintable(QString::number(colours.size())));
    scroll->verticalScrollBar()->setValue(0);
}

// In the app the budget monitor's statuses fill the meters, and a reload does not read budgets again.
void OverviewPageTest::budgetsFromTheMonitor()
{
    m_page->expectBudgetStatuses();
    QList<BudgetStatus> statuses = m_page->overview().budgets;
    QCOMPARE(statuses.size(), 2);
    auto *none = m_page->findChild<QLabel *>(QStringLiteral("noBudgetsNote"));
    m_page->setBudgetStatuses({});
    QVERIFY(none->isVisible());
    QVERIFY(none->text().startsWith(QStringLiteral("No budget yet")));
    statuses.removeLast();
    statuses.first().budget.amountNano = 69 * Usd; // $17.25 of $69: 25 %
    m_page->setBudgetStatuses(statuses);
    QVERIFY(!none->isVisible());
    QCOMPARE(m_page->budgetMeters().first()->percentText(), QStringLiteral("25.0 %"));
    QCOMPARE(m_page->budgetMeters().first()->tone(), ui::ringTone(0.25));
    m_window->reload();
    QCOMPARE(m_page->budgetMeters().size(), 1);
    QCOMPARE(m_page->budgetMeters().first()->percentText(), QStringLiteral("25.0 %"));
    QCOMPARE(m_page->findChild<SpendCard *>(QStringLiteral("monthCard"))->amount(), QStringLiteral("$17.25"));
}

// A dark system palette: cards, tables and the chart follow it (no hard-coded white).
void OverviewPageTest::darkPalette()
{
    const QPalette light = QApplication::palette();
    QPalette dark;
    for (const auto &[role, colour] :
         {std::pair{QPalette::Window, QColor(43, 43, 43)}, std::pair{QPalette::Base, QColor(30, 30, 30)},
          std::pair{QPalette::AlternateBase, QColor(38, 38, 38)}, std::pair{QPalette::Button, QColor(53, 53, 53)},
          std::pair{QPalette::Text, QColor(224, 224, 224)}, std::pair{QPalette::WindowText, QColor(224, 224, 224)},
          std::pair{QPalette::ButtonText, QColor(224, 224, 224)}, std::pair{QPalette::Mid, QColor(85, 85, 85)},
          std::pair{QPalette::PlaceholderText, QColor(150, 150, 150)}}) {
        dark.setColor(role, colour);
    }
    QApplication::setPalette(dark);
    QCoreApplication::processEvents();
    const QImage shot = m_window->grab().toImage();
    QVERIFY(shot.save(screenshotPath(QStringLiteral("overview-dark.png"))));
    const auto darkAt = [&](QWidget *w) {
        const QPoint p = w->mapTo(m_window.get(), QPoint(w->width() - 6, w->height() / 2));
        return QColor(shot.pixel(p * m_window->devicePixelRatio())).lightness() < 80;
    };
    const bool cardDark = darkAt(m_page->findChild<SpendCard *>(QStringLiteral("todayCard")));
    const bool chartDark = darkAt(m_page->trendChart());
    QApplication::setPalette(light);
    QVERIFY(cardDark);
    QVERIFY(chartDark);
}

} // namespace burnrate::test

BURNRATE_GUI_TEST_MAIN(burnrate::test::OverviewPageTest)
#include "tst_overviewpage.moc"
