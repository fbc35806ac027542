#include "ui/widgets/spendcard.h"

#include <QEvent>
#include <QLabel>
#include <QVBoxLayout>

namespace burnrate::ui {

namespace {

// The colour between `a` and `b`, `percent` of the way to `b`.
QColor blend(const QColor &a, const QColor &b, int percent)
{
    const auto mix = [percent](int x, int y) {
        return x + (y - x) * percent / 100;
    };
    return QColor(mix(a.red(), b.red()), mix(a.green(), b.green()), mix(a.blue(), b.blue()));
}

} // namespace

SpendCard::SpendCard(const QString &title, QWidget *parent)
    : QFrame(parent)
    , m_title(new QLabel(title, this))
    , m_amount(new QLabel(this))
    , m_detail(new QLabel(this))
    , m_provenance(new QLabel(this))
{
    setProperty("card", true); // styled by the page's style sheet
    setFrameShape(QFrame::StyledPanel);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Minimum);
    m_title->setObjectName(QStringLiteral("cardTitle"));
    m_amount->setObjectName(QStringLiteral("cardAmount"));
    m_detail->setObjectName(QStringLiteral("cardDetail"));
    m_provenance->setObjectName(QStringLiteral("cardProvenance"));
    m_provenance->hide();
    m_detail->setWordWrap(true);
    m_amount->setTextInteractionFlags(Qt::TextSelectableByMouse);

    QFont titleFont = m_title->font();
    titleFont.setWeight(QFont::DemiBold);
    m_title->setFont(titleFont);
    QFont amountFont = m_amount->font();
    amountFont.setPointSizeF(amountFont.pointSizeF() * 2.2);
    amountFont.setWeight(QFont::DemiBold);
    m_amount->setFont(amountFont);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(18, 14, 18, 14);
    layout->setSpacing(4);
    layout->addWidget(m_title);
    layout->addWidget(m_amount);
    layout->addWidget(m_detail);
    layout->addWidget(m_provenance);
    applyPalette();
}

void SpendCard::setAmount(const QString &amount)
{
    m_amount->setText(amount);
}
void SpendCard::setDetail(const QString &detail)
{
    m_detail->setText(detail);
}
void SpendCard::setProvenance(const QString &provenance)
{
    m_provenance->setText(provenance);
    m_provenance->setVisible(!provenance.isEmpty());
}
QString SpendCard::provenance() const
{
    return m_provenance->text();
}
QString SpendCard::title() const
{
    return m_title->text();
}
QString SpendCard::amount() const
{
    return m_amount->text();
}
QString SpendCard::detail() const
{
    return m_detail->text();
}

void SpendCard::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::PaletteChange) {
        applyPalette();
    }
}

// Captions and details in a muted tone of the text colour, so light and dark themes both work.
void SpendCard::applyPalette()
{
    const QPalette base = palette();
    const QColor muted = blend(base.color(QPalette::WindowText), base.color(QPalette::Window), 40);
    for (QLabel *label : {m_title, m_detail, m_provenance}) {
        QPalette p = label->palette();
        p.setColor(QPalette::WindowText, muted);
        label->setPalette(p);
    }
}

} // namespace burnrate::ui
