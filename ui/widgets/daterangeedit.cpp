#include "ui/widgets/daterangeedit.h"

#include <QDateEdit>
#include <QHBoxLayout>
#include <QLabel>
#include <QSignalBlocker>

#include <algorithm>

namespace burnrate::ui {

DateRangeEdit::DateRangeEdit(QWidget *parent)
    : QWidget(parent)
    , m_from(new QDateEdit(this))
    , m_until(new QDateEdit(this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    for (QDateEdit *edit : {m_from, m_until}) {
        edit->setCalendarPopup(true);
        edit->setDisplayFormat(QStringLiteral("yyyy-MM-dd"));
    }
    m_from->setObjectName(QStringLiteral("fromDate"));
    m_until->setObjectName(QStringLiteral("untilDate"));
    auto *fromLabel = new QLabel(tr("&From"), this);
    fromLabel->setBuddy(m_from);
    auto *untilLabel = new QLabel(tr("&to"), this);
    untilLabel->setBuddy(m_until);
    layout->addWidget(fromLabel);
    layout->addWidget(m_from);
    layout->addWidget(untilLabel);
    layout->addWidget(m_until);
    connect(m_from, &QDateEdit::dateChanged, this, [this](QDate d) {
        if (m_until->date() < d) {
            const QSignalBlocker block(m_until);
            m_until->setDate(d);
        }
        Q_EMIT rangeChanged();
    });
    connect(m_until, &QDateEdit::dateChanged, this, [this](QDate d) {
        if (m_from->date() > d) {
            const QSignalBlocker block(m_from);
            m_from->setDate(d);
        }
        Q_EMIT rangeChanged();
    });
}

QDate DateRangeEdit::from() const
{
    return m_from->date();
}

QDate DateRangeEdit::until() const
{
    return m_until->date();
}

void DateRangeEdit::setRange(QDate from, QDate until)
{
    {
        const QSignalBlocker blockFrom(m_from);
        const QSignalBlocker blockUntil(m_until);
        m_from->setDate(from);
        m_until->setDate(std::max(from, until));
    }
    Q_EMIT rangeChanged();
}

} // namespace burnrate::ui
