#include "ui/onboarding/logspage.h"

#include "importers/logdiscovery.h"
#include "importers/sourcebilling.h"
#include "jobs/importrunner.h"
#include "onboarding/onboardingstate.h"
#include "ui/jobs/importprogress.h"
#include "ui/onboarding/billingdialog.h"
#include "util/settings.h"

#include <QCheckBox>
#include <QDir>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace burnrate::ui {

QString LogsPage::describeRoots(AgentLogSource source, const QStringList &roots)
{
    std::int64_t bytes = 0;
    const QList<LogFile> files = LogDiscovery::scan(source, roots);
    for (const LogFile &f : files) {
        bytes += f.stat.size;
    }
    QStringList shown;
    for (const QString &root : roots) {
        shown << QDir::toNativeSeparators(root);
    }
    const QString count = files.size() == 1 ? tr("1 log file") : tr("%1 log files").arg(files.size());
    return tr("%1 — %2, %3 in %4")
        .arg(ImportProgress::sourceTitle(source), count, ImportProgress::byteSize(bytes),
             shown.join(QStringLiteral(", ")));
}

LogsPage::LogsPage(Ledger &ledger, QString dataDir, AgentLogImportRunner &runner,
                   QMap<AgentLogSource, QStringList> roots, QWidget *parent)
    : QWizardPage(parent)
    , m_ledger(ledger)
    , m_dataDir(std::move(dataDir))
    , m_runner(runner)
    , m_roots(std::move(roots))
    , m_import(new QPushButton(tr("Import"), this))
    , m_progress(new ImportProgress(runner, this))
{
    setTitle(tr("Import your coding-agent logs"));
    setSubTitle(tr("Claude Code and Codex CLI keep a log of every request on this computer. Burnrate can read "
                   "them to show the cost of each conversation, and keeps watching them while it runs."));
    auto *layout = new QVBoxLayout(this);
    for (AgentLogSource source : {AgentLogSource::ClaudeCode, AgentLogSource::Codex}) {
        const QStringList found = m_roots.value(source);
        if (found.isEmpty()) {
            auto *none =
                new QLabel(tr("No %1 logs found on this computer.").arg(ImportProgress::sourceTitle(source)), this);
            layout->addWidget(none);
            continue;
        }
        auto *box = new QCheckBox(describeRoots(source, found), this);
        box->setChecked(true);
        layout->addWidget(box);
        m_boxes.insert(source, box);
        connect(box, &QCheckBox::toggled, this, [this] { m_import->setEnabled(!checkedSources().isEmpty()); });
    }
    m_import->setEnabled(!m_boxes.isEmpty());
    layout->addWidget(m_import, 0, Qt::AlignLeft);
    layout->addWidget(m_progress);
    layout->addStretch(1);
    connect(m_import, &QPushButton::clicked, this, &LogsPage::startImport);
    connect(&m_runner, &AgentLogImportRunner::idle, this,
            [this] { m_import->setEnabled(!checkedSources().isEmpty()); });
}

QList<AgentLogSource> LogsPage::checkedSources() const
{
    QList<AgentLogSource> out;
    for (auto it = m_boxes.cbegin(); it != m_boxes.cend(); ++it) {
        if (it.value()->isChecked()) {
            out << it.key();
        }
    }
    return out;
}

void LogsPage::startImport()
{
    const QList<AgentLogSource> sources = checkedSources();
    QList<AgentLogSource> undecided;
    for (AgentLogSource source : sources) {
        if (!SourceBilling::decided(m_ledger, agentLogSourceName(source))) {
            undecided << source;
        }
    }
    if (undecided.isEmpty()) {
        importSources(sources);
        return;
    }
    // Asked before the first import of a source, never assumed.
    m_billing = new BillingDialog(m_ledger, undecided, this);
    m_billing->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_billing, &QDialog::accepted, this, [this, sources] { importSources(sources); });
    m_billing->open();
}

void LogsPage::importSources(const QList<AgentLogSource> &sources)
{
    Settings settings(m_dataDir);
    m_import->setEnabled(false);
    for (AgentLogSource source : sources) {
        const auto billing = SourceBilling::decided(m_ledger, agentLogSourceName(source));
        if (!billing) {
            continue;
        }
        OnboardingState::setAgreed(settings, source, true);
        m_runner.enqueue(source, m_roots.value(source), *billing);
    }
}

} // namespace burnrate::ui
