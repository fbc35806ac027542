#include "ui/charts/trendchart.h"

#include "money/money.h"
#include "ui/format.h"
#include "ui/models/reporttablemodel.h"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QButtonGroup>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QStackedBarSeries>
#include <QVBoxLayout>

#include <algorithm>

namespace burnrate::ui {

namespace {

constexpr int Ticks = 4;

// A step of 1, 2 or 5 × 10^k nano-USD, at least a cent, so that `Ticks` steps cover `maxNano`.
std::int64_t niceStep(std::int64_t maxNano)
{
    const std::int64_t raw = std::max<std::int64_t>(maxNano / Ticks, 1);
    std::int64_t magnitude = Money::NanoPerUsd / 100;
    while (true) {
        for (std::int64_t f : {1, 2, 5}) {
            if (magnitude * f >= raw) {
                return magnitude * f;
            }
        }
        magnitude *= 10;
    }
}

double toDrawing(std::int64_t nano)
{
    return static_cast<double>(nano) / static_cast<double>(Money::NanoPerUsd);
}

} // namespace

TrendChart::TrendChart(QWidget *parent)
    : QWidget(parent)
    , m_buttons(new QButtonGroup(this))
    , m_chart(new QChart)
    , m_view(new QChartView(m_chart, this))
    , m_provenance(new QLabel(this))
{
    setObjectName(QStringLiteral("trendChart"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(6);
    auto *bar = new QHBoxLayout;
    bar->setSpacing(4);
    m_provenance->setObjectName(QStringLiteral("trendProvenance"));
    m_provenance->setForegroundRole(QPalette::PlaceholderText);
    bar->addWidget(m_provenance, 1);
    const struct
    {
        ReportBy range;
        QString text;
        const char *name;
    } ranges[] = {{ReportBy::Day, tr("&Day"), "rangeDay"},
                  {ReportBy::Week, tr("&Week"), "rangeWeek"},
                  {ReportBy::Month, tr("&Month"), "rangeMonth"}};
    for (const auto &r : ranges) {
        auto *button = new QPushButton(r.text, this);
        button->setObjectName(QLatin1String(r.name));
        button->setCheckable(true);
        button->setAutoDefault(false);
        m_buttons->addButton(button, static_cast<int>(r.range));
        bar->addWidget(button);
    }
    m_buttons->button(static_cast<int>(ReportBy::Day))->setChecked(true);
    connect(m_buttons, &QButtonGroup::idClicked, this, [this](int id) { setRange(static_cast<ReportBy>(id)); });
    layout->addLayout(bar);

    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_chart->setMargins(QMargins(4, 4, 4, 4));
    m_view->setObjectName(QStringLiteral("trendChartView"));
    m_view->setRenderHint(QPainter::Antialiasing);
    m_view->setMinimumHeight(260);
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setBackgroundRole(QPalette::Base);
    layout->addWidget(m_view, 1);
    applyPalette();
}

QAbstractButton *TrendChart::rangeButton(ReportBy range) const
{
    return m_buttons->button(static_cast<int>(range));
}

void TrendChart::setRange(ReportBy range)
{
    if (auto *button = rangeButton(range)) {
        button->setChecked(true);
    }
    if (range == m_range) {
        return;
    }
    m_range = range;
    Q_EMIT rangeChanged(range);
}

void TrendChart::setTrend(const Trend &trend)
{
    m_trend = trend;
    rebuild();
}

QString TrendChart::bucketLabel(const QString &key) const
{
    const QLocale locale = Format::locale();
    if (m_trend.by == ReportBy::Month) {
        return locale.toString(QDate::fromString(key + QStringLiteral("-01"), Qt::ISODate), QStringLiteral("MMM yy"));
    }
    const QDate date = QDate::fromString(key, Qt::ISODate);
    return m_trend.by == ReportBy::Week ? locale.toString(date, QStringLiteral("d MMM"))
                                        : locale.toString(date, QStringLiteral("d"));
}

void TrendChart::rebuild()
{
    m_chart->removeAllSeries();
    for (QAbstractAxis *axis : m_chart->axes()) {
        m_chart->removeAxis(axis);
        delete axis;
    }
    auto *series = new QStackedBarSeries;
    series->setBarWidth(0.7);
    const QList<std::int64_t> &bucketTotals = m_trend.bucketTotalNano;
    for (const QString &provider : std::as_const(m_trend.providers)) {
        auto *set = new QBarSet(ReportTableModel::providerDisplayName(provider));
        const QList<std::int64_t> costs = m_trend.costNano.value(provider);
        for (qsizetype i = 0; i < costs.size(); ++i) {
            set->append(toDrawing(costs.at(i)));
        }
        series->append(set);
    }
    m_chart->addSeries(series);

    auto *x = new QBarCategoryAxis;
    QStringList labels;
    for (const QString &key : std::as_const(m_trend.buckets)) {
        labels.append(bucketLabel(key));
    }
    x->append(labels);
    m_chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(x);

    // Money labels in the user's format at round amounts: a category axis placed on values.
    const std::int64_t maxNano =
        bucketTotals.isEmpty() ? 0 : *std::max_element(bucketTotals.cbegin(), bucketTotals.cend());
    const std::int64_t step = niceStep(maxNano);
    const int decimals = step >= Money::NanoPerUsd ? 0 : 2;
    auto *y = new QCategoryAxis;
    y->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
    const std::int64_t top = std::max<std::int64_t>((maxNano + step - 1) / step, 1) * step;
    for (std::int64_t v = 0; v <= top; v += step) {
        y->append(Money::fromNano(v).toDisplayString(decimals), toDrawing(v));
    }
    y->setRange(0, toDrawing(top));
    m_chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(y);

    m_chart->legend()->setVisible(!m_trend.providers.isEmpty());
    m_provenance->setText(m_trend.providers.isEmpty() ? tr("No spend in this range")
                                                      : tr("%1 in this range · %2")
                                                            .arg(Money::fromNano(m_trend.totalNano).toDisplayString(),
                                                                 Format::provenances(m_trend.provenance)));
    applyPalette();
}

void TrendChart::changeEvent(QEvent *event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyPalette();
    }
}

// The chart follows the system palette: a dark theme's bars on a dark window, text in the window's colours.
void TrendChart::applyPalette()
{
    const QPalette p = palette();
    const bool dark = p.color(QPalette::Window).lightness() < 128;
    const auto theme = dark ? QChart::ChartThemeDark : QChart::ChartThemeLight;
    if (m_chart->theme() != theme) {
        m_chart->setTheme(theme);
    }
    m_chart->setBackgroundBrush(p.brush(QPalette::Base));
    m_chart->setBackgroundRoundness(0);
    m_chart->legend()->setLabelColor(p.color(QPalette::Text));
    for (QAbstractAxis *axis : m_chart->axes()) {
        axis->setLabelsColor(p.color(QPalette::Text));
        QColor grid = p.color(QPalette::Mid);
        grid.setAlpha(90);
        axis->setGridLineColor(grid);
        axis->setLinePenColor(grid);
    }
}

} // namespace burnrate::ui
