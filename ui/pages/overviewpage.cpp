#include "ui/pages/overviewpage.h"

#include "ledger/ledger.h"
#include "money/money.h"
#include "ui/charts/trendchart.h"
#include "ui/format.h"
#include "ui/models/reporttablemodel.h"
#include "ui/widgets/budgetmeter.h"
#include "ui/widgets/spendcard.h"
#include "ui/widgets/syncstatustable.h"
#include "ui/widgets/tablecard.h"
#include "util/checkedsum.h"

#include <QDateTime>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QScrollArea>
#include <QScrollBar>
#include <QTableView>
#include <QVBoxLayout>

namespace burnrate::ui {

namespace {

QString requestsAndTokens(const ReportRow &row)
{
    return OverviewPage::tr("%1 · %2 tokens")
        .arg(Format::requests(row.requests), Format::compactCount(row.tokens.total()));
}

QLabel *note(const char *name, QWidget *parent)
{
    auto *label = new QLabel(parent);
    label->setObjectName(QLatin1String(name));
    label->setWordWrap(true);
    label->hide();
    return label;
}

// Cards and notes; palette roles only, so that light and dark palettes both work.
QString styleSheetText()
{
    return QStringLiteral("QFrame[card=\"true\"] { background: palette(base); border: 1px solid palette(mid);"
                          " border-radius: 8px; }"
                          "QLabel#emptyNote { padding: 8px 2px; }"
                          "QLabel#unpricedNote { background: rgba(240, 165, 0, 40);"
                          " border: 1px solid rgba(200, 130, 0, 140); border-radius: 6px; padding: 8px 12px; }"
                          "QLabel#errorNote { background: rgba(214, 69, 65, 40);"
                          " border: 1px solid rgba(214, 69, 65, 160); border-radius: 6px; padding: 8px 12px; }");
}

} // namespace

OverviewPage::OverviewPage(Ledger &ledger, const Clock &clock, QWidget *parent)
    : Page(parent)
    , m_ledger(ledger)
    , m_clock(clock)
    , m_providerModel(new ReportTableModel(ReportTableModel::Kind::Provider, this))
    , m_modelModel(new ReportTableModel(ReportTableModel::Kind::Model, this))
{
    setObjectName(QStringLiteral("overviewPage"));
    m_scroll = new QScrollArea(this);
    m_scroll->setObjectName(QStringLiteral("overviewScroll"));
    m_scroll->setWidgetResizable(true);
    m_scroll->setFrameShape(QFrame::NoFrame);
    m_scroll->setWidget(buildContent());
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_scroll);
    connect(m_trend, &TrendChart::rangeChanged, this, &OverviewPage::loadTrend);
}

OverviewPage::~OverviewPage() = default;

void OverviewPage::changeEvent(QEvent *event)
{
    Page::changeEvent(event);
    // A style sheet resolves palette(...) once: the system's switch to dark (or back) needs it applied again.
    if (event->type() == QEvent::PaletteChange && m_scroll != nullptr) {
        m_scroll->widget()->setStyleSheet(styleSheetText());
    }
}

QString OverviewPage::title() const
{
    return tr("Overview");
}

QWidget *OverviewPage::buildContent()
{
    auto *content = new QWidget;
    content->setObjectName(QStringLiteral("overviewContent"));
    content->setStyleSheet(styleSheetText());
    auto *layout = new QVBoxLayout(content);
    layout->setContentsMargins(24, 20, 24, 16);
    layout->setSpacing(14);

    m_heading = new QLabel(content);
    m_heading->setObjectName(QStringLiteral("heading"));
    QFont headingFont = m_heading->font();
    headingFont.setPointSizeF(headingFont.pointSizeF() * 1.6);
    headingFont.setWeight(QFont::DemiBold);
    m_heading->setFont(headingFont);
    layout->addWidget(m_heading);
    m_error = note("errorNote", content);
    layout->addWidget(m_error);

    auto *cards = new QHBoxLayout;
    cards->setSpacing(14);
    const struct
    {
        SpendCard *&card;
        QString title;
        const char *name;
    } cardSpecs[] = {{m_todayCard, tr("Today"), "todayCard"},
                     {m_weekCard, tr("This week"), "weekCard"},
                     {m_monthCard, tr("This month"), "monthCard"},
                     {m_forecastCard, tr("Month-end forecast"), "forecastCard"},
                     {m_creditCard, tr("Credit left"), "creditCard"}};
    for (const auto &spec : cardSpecs) {
        spec.card = new SpendCard(spec.title, content);
        spec.card->setObjectName(QLatin1String(spec.name));
        cards->addWidget(spec.card, 1);
    }
    layout->addLayout(cards);

    m_emptyNote = note("emptyNote", content);
    m_emptyNote->setText(tr("Nothing recorded yet. Import your agent logs or your apps' events with "
                            "<code>burnrate import</code>, or look around first with <code>burnrate --demo</code>."));
    layout->addWidget(m_emptyNote);
    m_unpricedNote = note("unpricedNote", content);
    layout->addWidget(m_unpricedNote);

    layout->addWidget(buildBudgets());

    auto *trendCard = new QFrame(content);
    trendCard->setProperty("card", true);
    auto *trendLayout = new QVBoxLayout(trendCard);
    trendLayout->setContentsMargins(14, 12, 14, 12);
    trendLayout->addWidget(makeSectionTitle(tr("Spend by provider"), trendCard));
    m_trend = new TrendChart(trendCard);
    trendLayout->addWidget(m_trend, 1);
    layout->addWidget(trendCard);

    const int sortRole = ReportTableModel::RawValueRole;
    QTableView *providerView = nullptr;
    QTableView *modelView = nullptr;
    // One above the other, each the page's width: every column, provenance too, fits without scrolling.
    layout->addWidget(makeTableCard(tr("By provider, this month"), m_providerModel, sortRole,
                                    m_providerModel->columnOf(ReportTableModel::Field::Cost), providerView));
    layout->addWidget(makeTableCard(tr("By model, this month"), m_modelModel, sortRole,
                                    m_modelModel->columnOf(ReportTableModel::Field::Cost), modelView));
    providerView->setObjectName(QStringLiteral("providerTable"));
    modelView->setObjectName(QStringLiteral("modelTable"));
    providerView->setMinimumHeight(160);
    modelView->setMinimumHeight(240);

    auto *syncCard = new QFrame(content);
    syncCard->setProperty("card", true);
    auto *syncLayout = new QVBoxLayout(syncCard);
    syncLayout->setContentsMargins(14, 12, 14, 12);
    syncLayout->addWidget(makeSectionTitle(tr("Provider sync"), syncCard));
    m_noSync =
        new QLabel(tr("No provider synced yet. Add an API key in Settings to fetch billed costs and usage."), syncCard);
    m_noSync->setObjectName(QStringLiteral("noSyncNote"));
    m_noSync->setWordWrap(true);
    syncLayout->addWidget(m_noSync);
    m_syncTable = new SyncStatusTable(syncCard);
    syncLayout->addWidget(m_syncTable);
    layout->addWidget(syncCard);
    layout->addStretch(1);
    return content;
}

QWidget *OverviewPage::buildBudgets()
{
    m_budgetsSection = new QWidget;
    m_budgetsSection->setObjectName(QStringLiteral("budgetsSection"));
    m_metersLayout = new QVBoxLayout(m_budgetsSection);
    m_metersLayout->setContentsMargins(0, 0, 0, 0);
    m_metersLayout->setSpacing(8);
    m_metersLayout->addWidget(makeSectionTitle(tr("Budgets"), m_budgetsSection));
    m_noBudgets = new QLabel(m_budgetsSection);
    m_noBudgets->setObjectName(QStringLiteral("noBudgetsNote"));
    m_metersLayout->addWidget(m_noBudgets);
    return m_budgetsSection;
}

void OverviewPage::reload()
{
    auto overview = loadOverview(m_ledger, m_clock, !m_budgetsFromOutside);
    if (!overview) {
        showError(overview.error());
        return;
    }
    m_error->hide();
    if (m_budgetsFromOutside) {
        overview->budgets = m_overview.budgets;
    }
    m_overview = std::move(overview).value();
    display(m_overview);
    loadTrend(m_trend->range());
    Q_EMIT loaded(m_overview);
}

void OverviewPage::loadTrend(ReportBy range)
{
    auto trend = burnrate::ui::loadTrend(m_ledger, m_clock, range);
    if (!trend) {
        showError(trend.error());
        return;
    }
    m_trend->setTrend(*trend);
}

void OverviewPage::expectBudgetStatuses()
{
    m_budgetsFromOutside = true;
    m_budgetsKnown = false;
    displayBudgets(m_overview);
}

void OverviewPage::setBudgetStatuses(const QList<BudgetStatus> &statuses)
{
    m_budgetsFromOutside = true;
    m_budgetsKnown = true;
    m_overview.budgets = statuses;
    displayBudgets(m_overview);
}

void OverviewPage::showBudgets()
{
    // Once laid out, the section's position in the content is known.
    m_scroll->widget()->adjustSize();
    m_scroll->verticalScrollBar()->setValue(m_budgetsSection->y() - 12);
}

void OverviewPage::display(const Overview &o)
{
    m_heading->setText(tr("Overview · %1").arg(Format::locale().toString(o.today, QStringLiteral("MMMM yyyy"))));
    displayCards(o);
    displayCredits(o);
    displayBudgets(o);
    m_emptyNote->setVisible(o.byModel.isEmpty() && o.weekTotal.requests == 0);
    const auto unpriced = o.monthTotal.unpricedRequests;
    m_unpricedNote->setVisible(unpriced > 0);
    if (unpriced > 0) {
        m_unpricedNote->setText(tr("Unpriced: %1 this month use a model with no known price (%2). They are counted, "
                                   "but not included in the amounts and the forecast above.")
                                    .arg(Format::requests(unpriced), o.unpricedModels.join(QStringLiteral(", "))));
    }
    m_providerModel->setRows(o.byProvider);
    m_modelModel->setRows(o.byModel);
    m_noSync->setVisible(o.sync.isEmpty());
    m_syncTable->setVisible(!o.sync.isEmpty());
    m_syncTable->setSync(o.sync, m_ledger.calendar().zone());
}

void OverviewPage::displayCards(const Overview &o)
{
    const QLocale locale = Format::locale();
    m_todayCard->setAmount(Money::fromNano(o.todayTotal.costNano).toDisplayString());
    m_todayCard->setDetail(requestsAndTokens(o.todayTotal));
    m_todayCard->setProvenance(Format::provenances(o.todayProvenance));
    m_weekCard->setAmount(Money::fromNano(o.weekTotal.costNano).toDisplayString());
    m_weekCard->setDetail(
        tr("Since %1 · %2")
            .arg(locale.toString(o.weekStart, QStringLiteral("ddd d MMM")), requestsAndTokens(o.weekTotal)));
    m_weekCard->setProvenance(Format::provenances(o.weekProvenance));
    m_monthCard->setAmount(Money::fromNano(o.monthTotal.costNano).toDisplayString());
    QString monthDetail =
        tr("Since %1 · %2")
            .arg(locale.toString(o.monthStart, QStringLiteral("d MMM")), requestsAndTokens(o.monthTotal));
    if (o.monthSubscriptionNano > 0) {
        monthDetail += QLatin1Char('\n') + tr("+ %1 subscription-equivalent (not spend)")
                                               .arg(Money::fromNano(o.monthSubscriptionNano).toDisplayString());
    }
    m_monthCard->setDetail(monthDetail);
    m_monthCard->setProvenance(Format::provenances(o.monthProvenance));
    m_forecastCard->setAmount(Money::fromNano(o.monthForecast.forecastNano).toDisplayString());
    m_forecastCard->setDetail(tr("By %1 at %2 a day (the last 7 days)")
                                  .arg(locale.toString(o.monthEnd, QStringLiteral("d MMM")),
                                       Money::fromNano(o.monthForecast.runRatePerDayNano).toDisplayString()));
    m_forecastCard->setProvenance(Format::provenances(o.monthProvenance));
}

void OverviewPage::displayCredits(const Overview &o)
{
    if (o.credits.isEmpty()) {
        m_creditCard->setAmount(tr("—"));
        m_creditCard->setDetail(tr("No balance yet: OpenRouter and DeepSeek keys report one when they sync."));
        m_creditCard->setProvenance({});
        return;
    }
    // The headline is the USD credit; other currencies are listed, never converted.
    std::int64_t usd = 0;
    SumCheck sums;
    bool anyUsd = false;
    std::int64_t newest = 0;
    QStringList parts;
    for (const CreditLeft &c : o.credits) {
        if (c.currency == QLatin1String("USD")) {
            sums.add(usd, c.creditNano, "credit left in nano-USD");
            anyUsd = true;
        }
        newest = std::max(newest, c.atMs);
        parts.append(tr("%1 %2").arg(ReportTableModel::providerDisplayName(c.provider),
                                     Format::amount(c.creditNano, c.currency)));
    }
    const CreditLeft &first = o.credits.first();
    if (!sums.ok()) {
        parts.prepend(sums.error());
    }
    m_creditCard->setAmount(!sums.ok() ? tr("—")
                            : anyUsd   ? Money::fromNano(usd).toDisplayString()
                                       : Format::amount(first.creditNano, first.currency));
    m_creditCard->setDetail(parts.join(QStringLiteral(" · ")));
    m_creditCard->setProvenance(
        tr("balance as of %1")
            .arg(Format::locale().toString(QDateTime::fromMSecsSinceEpoch(newest, m_ledger.calendar().zone()),
                                           QStringLiteral("d MMM HH:mm"))));
}

void OverviewPage::displayBudgets(const Overview &o)
{
    while (m_meters.size() > o.budgets.size()) {
        delete m_meters.takeLast();
    }
    while (m_meters.size() < o.budgets.size()) {
        auto *meter = new BudgetMeter(m_budgetsSection);
        meter->setObjectName(QStringLiteral("budgetMeter%1").arg(m_meters.size()));
        m_metersLayout->addWidget(meter);
        m_meters.append(meter);
    }
    for (qsizetype i = 0; i < o.budgets.size(); ++i) {
        m_meters.at(i)->setStatus(o.budgets.at(i));
    }
    m_noBudgets->setText(m_budgetsKnown
                             ? tr("No budget yet. Set one with <code>burnrate budget set</code> or in Settings.")
                             : tr("Checking budgets…"));
    m_noBudgets->setVisible(o.budgets.isEmpty());
}

void OverviewPage::showError(const QString &message)
{
    m_error->setText(tr("Cannot read the ledger: %1").arg(message));
    m_error->show();
    Q_EMIT failed(message);
}

} // namespace burnrate::ui
