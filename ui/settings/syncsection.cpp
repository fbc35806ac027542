#include "ui/settings/syncsection.h"

#include "util/settings.h"

#include <QFormLayout>
#include <QLabel>
#include <QSpinBox>
#include <QVBoxLayout>

namespace burnrate::ui {

SyncSection::SyncSection(QString dataDir, QWidget *parent)
    : SettingsSection(parent)
    , m_dataDir(std::move(dataDir))
    , m_interval(new QSpinBox(this))
{
    m_interval->setRange(MinMinutes, MaxMinutes);
    m_interval->setSuffix(tr(" minutes"));
    auto *intro = new QLabel(tr("Burnrate fetches usage, costs and balances from the providers whose keys you set, "
                                "this often, while it runs."),
                             this);
    intro->setWordWrap(true);
    auto *form = new QFormLayout;
    form->addRow(tr("Sync every"), m_interval);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(form);
    layout->addStretch(1);
}

QString SyncSection::title() const
{
    return tr("Sync");
}

void SyncSection::load()
{
    m_interval->setValue(Settings(m_dataDir).value(Settings::Key::SyncIntervalMinutes).toInt());
}

QString SyncSection::apply(bool &changed)
{
    Settings settings(m_dataDir);
    changed = settings.value(Settings::Key::SyncIntervalMinutes).toInt() != m_interval->value();
    if (changed) {
        settings.setValue(Settings::Key::SyncIntervalMinutes, m_interval->value());
    }
    return QString();
}

} // namespace burnrate::ui
