#include "jobs/importprogress.h"

#include "jobs/importrunner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace burnrate::ui {

namespace {

QString megabytes(std::int64_t bytes)
{
    return QString::number(static_cast<double>(bytes) / 1e6, 'f', 1);
}

} // namespace

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
    m_bar->setValue(0);
    m_cancel->setEnabled(true);
    m_label->setText(tr("Looking for new %1 logs…").arg(sourceTitle(source)));
}

void ImportProgress::onProgress(AgentLogSource source, const AgentLogImportProgress &p)
{
    if (!m_cancel->isEnabled()) {
        return; // cancelling: the last reports of the worker are stale
    }
    const double part = p.bytesTotal > 0 ? static_cast<double>(p.bytesDone) / static_cast<double>(p.bytesTotal) : 0.0;
    m_bar->setValue(static_cast<int>(part * 1000.0));
    m_label->setText(tr("Importing %1 logs: %2 of %3 files, %4 of %5 MB")
                         .arg(sourceTitle(source))
                         .arg(p.filesDone)
                         .arg(p.filesTotal)
                         .arg(megabytes(p.bytesDone), megabytes(p.bytesTotal)));
}

void ImportProgress::onFinished(AgentLogSource source, const AgentLogImportSummary &s)
{
    m_cancel->setEnabled(false);
    if (s.cancelled) {
        m_label->setText(tr("%1 import cancelled. What was read so far is kept; importing again continues "
                            "where it stopped.")
                             .arg(sourceTitle(source)));
        return;
    }
    m_bar->setValue(m_bar->maximum());
    QString text = tr("%1: %n new requests", nullptr, static_cast<int>(s.inserted)).arg(sourceTitle(source));
    if (s.malformed > 0) {
        text += tr("; %n lines could not be read", nullptr, static_cast<int>(s.malformed));
    }
    m_label->setText(text);
}

void ImportProgress::onFailed(AgentLogSource source, const QString &error)
{
    m_cancel->setEnabled(false);
    m_label->setText(tr("%1 import failed: %2").arg(sourceTitle(source), error));
}

} // namespace burnrate::ui
