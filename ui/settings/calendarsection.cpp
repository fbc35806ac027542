#include "ui/settings/calendarsection.h"

#include "util/settings.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLocale>
#include <QTimeZone>
#include <QVBoxLayout>

namespace burnrate::ui {

CalendarSection::CalendarSection(QString dataDir, QWidget *parent)
    : SettingsSection(parent)
    , m_dataDir(std::move(dataDir))
    , m_zone(new QComboBox(this))
    , m_weekStart(new QComboBox(this))
    , m_override(new QLabel(this))
{
    m_zone->addItem(tr("System (%1)").arg(QString::fromUtf8(QTimeZone::systemTimeZoneId())), QString());
    for (const QByteArray &id : QTimeZone::availableTimeZoneIds()) {
        if (id.contains('/') || id == "UTC") { // IANA names, without the legacy aliases ("EST5EDT", "Cuba")
            m_zone->addItem(QString::fromUtf8(id), QString::fromUtf8(id));
        }
    }
    m_zone->setEditable(false);
    m_zone->setMaxVisibleItems(20);
    const QLocale locale;
    for (int day = Qt::Monday; day <= Qt::Sunday; ++day) {
        m_weekStart->addItem(locale.dayName(day), day);
    }
    m_override->setWordWrap(true);
    auto *intro = new QLabel(tr("Days, weeks and months in reports and budgets are counted in this time zone."), this);
    intro->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("Time zone"), m_zone);
    form->addRow(tr("Weeks start on"), m_weekStart);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addWidget(m_override);
    layout->addStretch(1);
}

QString CalendarSection::title() const
{
    return tr("Calendar");
}

void CalendarSection::load()
{
    const Settings settings(m_dataDir);
    const QString zone = settings.value(Settings::Key::Timezone).toString();
    int index = m_zone->findData(zone);
    if (index < 0) { // a zone this system does not list: keep it selectable
        m_zone->addItem(zone, zone);
        index = m_zone->count() - 1;
    }
    m_zone->setCurrentIndex(index);
    const int weekStart = settings.value(Settings::Key::WeekStart).toInt();
    m_weekStart->setCurrentIndex(std::max(0, m_weekStart->findData(weekStart)));
    const QString env = qEnvironmentVariable("BURNRATE_TIMEZONE");
    m_override->setText(env.isEmpty()
                            ? QString()
                            : tr("BURNRATE_TIMEZONE is set to %1 in the environment and wins over this.").arg(env));
}

QString CalendarSection::apply(bool &changed)
{
    Settings settings(m_dataDir);
    const QString zone = m_zone->currentData().toString();
    const int weekStart = m_weekStart->currentData().toInt();
    changed = false;
    if (settings.value(Settings::Key::Timezone).toString() != zone) {
        settings.setValue(Settings::Key::Timezone, zone);
        changed = true;
    }
    if (settings.value(Settings::Key::WeekStart).toInt() != weekStart) {
        settings.setValue(Settings::Key::WeekStart, weekStart);
        changed = true;
    }
    return QString();
}

} // namespace burnrate::ui
