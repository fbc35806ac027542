#include "ui/widgets/budgetmeter.h"

#include "money/money.h"
#include "ui/format.h"
#include "ui/tray/ringicon.h"

#include <QGridLayout>
#include <QLabel>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>

namespace burnrate::ui {

namespace {

constexpr int BarHeight = 10;

QString periodWords(const Budget &budget)
{
    switch (budget.period) {
    case BudgetPeriod::Monthly:
        return BudgetMeter::tr("monthly");
    case BudgetPeriod::Weekly:
        return BudgetMeter::tr("weekly");
    case BudgetPeriod::Daily:
        return BudgetMeter::tr("daily");
    }
    return {};
}

// The bar: a faint track, filled to spend ÷ amount (capped at the end) in the meter's tone.
class MeterBar final : public QWidget
{
public:
    explicit MeterBar(BudgetMeter *meter)
        : QWidget(meter)
        , m_meter(meter)
    {
        setFixedHeight(BarHeight);
        setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Fixed);
    }

protected:
    void paintEvent(QPaintEvent *) override
    {
        QPainter painter(this);
        painter.setRenderHint(QPainter::Antialiasing);
        painter.setPen(Qt::NoPen);
        QColor track = palette().color(QPalette::Mid);
        track.setAlpha(90);
        const qreal radius = BarHeight / 2.0;
        painter.setBrush(track);
        painter.drawRoundedRect(rect(), radius, radius);
        const std::int64_t bp = std::clamp<std::int64_t>(m_meter->status().basisPoints(), 0, 10'000);
        // Drawing only: the fill's width in pixels.
        const int fill = static_cast<int>(static_cast<std::int64_t>(width()) * bp / 10'000);
        if (fill > 0) {
            painter.setBrush(m_meter->tone());
            painter.drawRoundedRect(QRect(0, 0, std::max(fill, BarHeight), height()), radius, radius);
        }
    }

private:
    BudgetMeter *m_meter;
};

} // namespace

BudgetMeter::BudgetMeter(QWidget *parent)
    : QFrame(parent)
    , m_name(new QLabel(this))
    , m_percent(new QLabel(this))
    , m_detail(new QLabel(this))
    , m_bar(new MeterBar(this))
{
    setProperty("card", true);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    m_name->setObjectName(QStringLiteral("meterName"));
    m_percent->setObjectName(QStringLiteral("meterPercent"));
    m_detail->setObjectName(QStringLiteral("meterDetail"));
    QFont bold = m_name->font();
    bold.setWeight(QFont::DemiBold);
    m_name->setFont(bold);
    m_percent->setFont(bold);
    m_percent->setAlignment(Qt::AlignRight | Qt::AlignVCenter);
    m_detail->setForegroundRole(QPalette::PlaceholderText);
    m_detail->setWordWrap(true);

    auto *layout = new QGridLayout(this);
    layout->setContentsMargins(16, 12, 16, 12);
    layout->setVerticalSpacing(6);
    layout->addWidget(m_name, 0, 0);
    layout->addWidget(m_percent, 0, 1);
    m_bar->setObjectName(QStringLiteral("meterBar"));
    layout->addWidget(m_bar, 1, 0, 1, 2);
    layout->addWidget(m_detail, 2, 0, 1, 2);
    layout->setColumnStretch(0, 1);
}

void BudgetMeter::setStatus(const BudgetStatus &status)
{
    m_status = status;
    const Budget &b = status.budget;
    const QString scope = b.scope.describe();
    m_name->setText(scope.isEmpty() ? tr("%1 · %2").arg(b.name, periodWords(b))
                                    : tr("%1 · %2, %3").arg(b.name, periodWords(b), scope));
    m_percent->setText(percentText());
    m_detail->setText(detailText());
    m_bar->update();
    setToolTip(tr("Spend counts API-billed usage only; subscription use is never counted against a budget."));
}

QString BudgetMeter::percentText() const
{
    // Basis points to a percentage with one decimal, rounded down like the CLI: 8041 → "80.4 %".
    const std::int64_t bp = m_status.basisPoints();
    return tr("%1 %").arg(Format::locale().toString(static_cast<double>(bp / 10) / 10.0, 'f', 1));
}

QString BudgetMeter::detailText() const
{
    const QLocale locale = Format::locale();
    QString text = tr("%1 of %2, %3 – %4")
                       .arg(Money::fromNano(m_status.spendNano()).toDisplayString(),
                            Money::fromNano(m_status.budget.amountNano).toDisplayString(),
                            locale.toString(m_status.period.first, QStringLiteral("d MMM")),
                            locale.toString(m_status.period.last(), QStringLiteral("d MMM")));
    text += tr(" · forecast %1").arg(Money::fromNano(m_status.forecast.forecastNano).toDisplayString());
    return text;
}

QColor BudgetMeter::tone() const
{
    return ringTone(static_cast<qreal>(m_status.basisPoints()) / 10'000.0);
}

} // namespace burnrate::ui
