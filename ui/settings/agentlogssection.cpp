#include "ui/settings/agentlogssection.h"

#include "importers/sourcebilling.h"
#include "onboarding/onboardingstate.h"
#include "util/settings.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QLabel>
#include <QVBoxLayout>

namespace burnrate::ui {

namespace {

constexpr AgentLogSource Sources[] = {AgentLogSource::ClaudeCode, AgentLogSource::Codex};

QString displayName(AgentLogSource source)
{
    return source == AgentLogSource::ClaudeCode ? AgentLogsSection::tr("Claude Code")
                                                : AgentLogsSection::tr("Codex CLI");
}

} // namespace

AgentLogsSection::AgentLogsSection(Ledger &ledger, QString dataDir, QWidget *parent)
    : SettingsSection(parent)
    , m_ledger(ledger)
    , m_dataDir(std::move(dataDir))
{
    auto *intro = new QLabel(tr("Burnrate reads your coding agents' own logs to see which conversation and project "
                                "spent what. Sources ticked here are imported and watched while Burnrate runs. "
                                "Usage paid by a subscription (Claude Pro/Max, a ChatGPT plan) is shown as its "
                                "equivalent value and never counted as spend or against a budget."),
                             this);
    intro->setWordWrap(true);
    auto *grid = new QGridLayout;
    int row = 0;
    for (AgentLogSource source : Sources) {
        auto *watch = new QCheckBox(tr("Import and watch %1 logs").arg(displayName(source)), this);
        watch->setObjectName(QStringLiteral("watch_%1").arg(agentLogSourceName(source)));
        auto *billing = new QComboBox(this);
        billing->setObjectName(QStringLiteral("billing_%1").arg(agentLogSourceName(source)));
        billing->addItem(tr("API-billed (spend)"), static_cast<int>(Billing::Api));
        billing->addItem(tr("Subscription (equivalent value)"), static_cast<int>(Billing::Subscription));
        grid->addWidget(watch, row, 0);
        grid->addWidget(billing, row, 1);
        m_watch.insert(source, watch);
        m_billing.insert(source, billing);
        ++row;
    }
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(grid);
    layout->addStretch(1);
}

QString AgentLogsSection::title() const
{
    return tr("Agent logs");
}

void AgentLogsSection::load()
{
    const QList<AgentLogSource> agreed = OnboardingState::agreedSources(Settings(m_dataDir));
    for (AgentLogSource source : Sources) {
        m_watch.value(source)->setChecked(agreed.contains(source));
        const auto billing = SourceBilling::decided(m_ledger, agentLogSourceName(source));
        QComboBox *box = m_billing.value(source);
        box->setCurrentIndex(box->findData(static_cast<int>(billing.value_or(Billing::Api))));
    }
}

QString AgentLogsSection::apply(bool &changed)
{
    Settings settings(m_dataDir);
    const QList<AgentLogSource> agreed = OnboardingState::agreedSources(settings);
    for (AgentLogSource source : Sources) {
        const bool watch = m_watch.value(source)->isChecked();
        if (watch != agreed.contains(source)) {
            OnboardingState::setAgreed(settings, source, watch);
            changed = true;
        }
        const auto chosen = static_cast<Billing>(m_billing.value(source)->currentData().toInt());
        const auto decided = SourceBilling::decided(m_ledger, agentLogSourceName(source));
        // An undecided source that is not imported stays undecided (the app asks when it is first imported).
        if ((decided && *decided != chosen) || (!decided && watch)) {
            if (auto set = SourceBilling::set(m_ledger, agentLogSourceName(source), chosen); !set) {
                return tr("Cannot record how %1 is paid: %2").arg(displayName(source), set.error());
            }
            changed = true;
        }
    }
    return QString();
}

} // namespace burnrate::ui
