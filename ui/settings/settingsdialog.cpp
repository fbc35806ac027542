#include "ui/settings/settingsdialog.h"

#include "ui/settings/agentlogssection.h"
#include "ui/settings/autostartsection.h"
#include "ui/settings/budgetssection.h"
#include "ui/settings/calendarsection.h"
#include "ui/settings/datasection.h"
#include "ui/settings/exportsection.h"
#include "ui/settings/keyssection.h"
#include "ui/settings/pricingsection.h"
#include "ui/settings/syncsection.h"
#include "util/appinfo.h"

#include <QCoreApplication>
#include <QDialogButtonBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QPushButton>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace burnrate::ui {

SettingsDialog::SettingsDialog(Ledger &ledger, SecretStore &secrets, QNetworkAccessManager &nam, const Clock &clock,
                               const QString &dataDir, QWidget *parent)
    : QDialog(parent)
    , m_list(new QListWidget(this))
    , m_stack(new QStackedWidget(this))
    , m_error(new QLabel(this))
    , m_buttons(new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Apply | QDialogButtonBox::Cancel, this))
{
    setWindowTitle(tr("Burnrate Settings"));
    m_list->setFixedWidth(170);
    m_error->setWordWrap(true);
    m_error->setStyleSheet(QStringLiteral("color: #b00020;"));
    m_error->hide();

    auto *body = new QHBoxLayout;
    body->addWidget(m_list);
    body->addWidget(m_stack, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(body, 1);
    layout->addWidget(m_error);
    layout->addWidget(m_buttons);

    addSection(new KeysSection(secrets, nam, clock, this));
    addSection(new BudgetsSection(ledger, clock, this));
    addSection(new SyncSection(dataDir, this));
    addSection(new AgentLogsSection(ledger, dataDir, this));
    addSection(new CalendarSection(dataDir, this));
    auto *pricing = new PricingSection(ledger, nam, clock, this);
    connect(pricing, &PricingSection::pricesChanged, this, &SettingsDialog::pricesChanged);
    addSection(pricing);
    addSection(new AutostartSection(launcherPath(QCoreApplication::applicationFilePath()), this));
    addSection(new DataSection(dataDir, this));
    addSection(new ExportSection(ledger, clock, this));

    connect(m_list, &QListWidget::currentRowChanged, m_stack, &QStackedWidget::setCurrentIndex);
    m_list->setCurrentRow(0);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &SettingsDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &SettingsDialog::reject);
    connect(m_buttons->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, &SettingsDialog::applyAll);
    resize(820, 560);
}

void SettingsDialog::addSection(SettingsSection *section)
{
    m_sections << section;
    m_list->addItem(section->title());
    m_stack->addWidget(section);
    section->load();
    connect(section, &SettingsSection::changedNow, this, &SettingsDialog::settingsChanged);
}

SettingsSection *SettingsDialog::showSection(const QString &title)
{
    for (qsizetype i = 0; i < m_sections.size(); ++i) {
        if (m_sections.at(i)->title() == title) {
            m_list->setCurrentRow(static_cast<int>(i));
            return m_sections.at(i);
        }
    }
    return nullptr;
}

bool SettingsDialog::applyAll()
{
    bool changed = false;
    QStringList errors;
    for (SettingsSection *s : std::as_const(m_sections)) {
        bool c = false;
        const QString error = s->apply(c);
        changed = changed || c;
        if (!error.isEmpty()) {
            errors << QStringLiteral("%1: %2").arg(s->title(), error);
        }
    }
    m_error->setText(errors.join(QLatin1Char('\n')));
    m_error->setVisible(!errors.isEmpty());
    if (changed) {
        Q_EMIT settingsChanged();
    }
    return errors.isEmpty();
}

void SettingsDialog::accept()
{
    if (applyAll()) {
        QDialog::accept();
    }
}

} // namespace burnrate::ui
