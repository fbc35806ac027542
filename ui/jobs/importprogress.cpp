#include "ui/jobs/importprogress.h"

#include "jobs/importrunner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace burnrate::ui {

ImportProgress::ImportProgress(AgentLogImportRunner &runner, QWidget *parent)
    : QWidget(parent)
    , m_runner(runner)
    , m_label(new QLabel(this))
    , m_bar(new QProgressBar(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    m_label->setWordWrap(true);
    m_bar->setRange(0, 1000);
    m_bar->setValue(0);
    m_cancel->setEnabled(false);
    auto *row = new QHBoxLayout;
    row->addWidget(m_bar, 1);
    row->addWidget(m_cancel);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(row);
    layout->addWidget(m_label);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        m_cancel->setEnabled(false);
        m_label->setText(tr("Cancelling…"));
        m_runner.cancel();
    });
    connect(&m_runner, &AgentLogImportRunner::started, this, &ImportProgress::onStarted);
    connect(&m_runner, &AgentLogImportRunner::progress, this, &ImportProgress::onProgress);
    connect(&m_runner, &AgentLogImportRunner::finished, this, &ImportProgress::onFinished);
    connect(&m_runner, &AgentLogImportRunner::failed, this, &ImportProgress::onFailed);
    connect(&m_runner, &AgentLogImportRunner::idle, this, [this] { m_active = false; });
}

QString ImportProgress::byteSize(std::int64_t bytes)
{
    if (bytes < 100'000) {
        return tr("%1 KB").arg((bytes + 999) / 1000);
    }
    return tr("%1 MB").arg(QString::number(static_cast<double>(bytes) / 1e6, 'f', 1));
}

void ImportProgress::showResults(const QString &current)
{
    QStringList lines(m_results.cbegin(), m_results.cend());
    if (!current.isEmpty()) {
        lines << current;
    }
    m_label->setText(lines.join(QLatin1Char('\n')));
}

QString ImportProgress::text() const
{
    return m_label->text();
}

QString ImportProgress::sourceTitle(AgentLogSource source)
{
    return source == AgentLogSource::ClaudeCode ? tr("Claude Code") : tr("Codex CLI");
}

void ImportProgress::onStarted(AgentLogSource source)
{
    if (!m_active) {
        m_results.clear();
        m_active = true;
    }
    m_bar->setValue(0);
    m_cancel->setEnabled(true);
    showResults(tr("Looking for new %1 logs…").arg(sourceTitle(source)));
}

void ImportProgress::onProgress(AgentLogSource source, const AgentLogImportProgress &p)
{
    if (!m_cancel->isEnabled()) {
        return; // cancelling: the last reports of the worker are stale
    }
    const double part = p.bytesTotal > 0 ? static_cast<double>(p.bytesDone) / static_cast<double>(p.bytesTotal) : 0.0;
    m_bar->setValue(static_cast<int>(part * 1000.0));
    showResults(tr("Importing %1 logs: %2 of %3 files, %4 of %5")
                    .arg(sourceTitle(source))
                    .arg(p.filesDone)
                    .arg(p.filesTotal)
                    .arg(byteSize(p.bytesDone), byteSize(p.bytesTotal)));
}

void ImportProgress::onFinished(AgentLogSource source, const AgentLogImportSummary &s)
{
    m_cancel->setEnabled(false);
    if (s.cancelled) {
        m_results[source] = tr("%1 import cancelled. What was read so far is kept; importing again continues "
                               "where it stopped.")
                                .arg(sourceTitle(source));
        showResults({});
        return;
    }
    m_bar->setValue(m_bar->maximum());
    QString text = s.inserted == 1 ? tr("%1: 1 new request").arg(sourceTitle(source))
                                   : tr("%1: %2 new requests").arg(sourceTitle(source)).arg(s.inserted);
    if (s.malformed > 0) {
        text += tr("; %1 lines could not be read").arg(s.malformed);
    }
    m_results[source] = text;
    showResults({});
}

void ImportProgress::onFailed(AgentLogSource source, const QString &error)
{
    m_cancel->setEnabled(false);
    m_results[source] = tr("%1 import failed: %2").arg(sourceTitle(source), error);
    showResults({});
}

} // namespace burnrate::ui
