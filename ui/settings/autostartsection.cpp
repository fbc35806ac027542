#include "ui/settings/autostartsection.h"

#include <QCheckBox>
#include <QLabel>
#include <QVBoxLayout>

namespace burnrate::ui {

AutostartSection::AutostartSection(QString executable, QWidget *parent)
    : SettingsSection(parent)
    , m_autostart(std::move(executable))
    , m_enabled(new QCheckBox(tr("Start Burnrate when I log in"), this))
{
    auto *note = new QLabel(this);
    note->setWordWrap(true);
    if (Autostart::supported()) {
        note->setText(tr("Burnrate starts in the tray; the entry is %1.").arg(Autostart::entryPath()));
    } else {
        m_enabled->setEnabled(false);
        note->setText(tr("Starting at login is not supported on this system yet."));
    }
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_enabled);
    layout->addWidget(note);
    layout->addStretch(1);
}

QString AutostartSection::title() const
{
    return tr("Start at login");
}

void AutostartSection::load()
{
    m_enabled->setChecked(m_autostart.isEnabled());
}

QString AutostartSection::apply(bool &changed)
{
    changed = false;
    if (!Autostart::supported() || m_enabled->isChecked() == m_autostart.isEnabled()) {
        return QString();
    }
    const Status st = m_autostart.setEnabled(m_enabled->isChecked());
    if (!st) {
        return st.error();
    }
    changed = true;
    return QString();
}

} // namespace burnrate::ui
