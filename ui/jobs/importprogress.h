#ifndef BURNRATE_UI_JOBS_IMPORTPROGRESS_H
#define BURNRATE_UI_JOBS_IMPORTPROGRESS_H

#include "importers/agentlogimporter.h"

#include <QMap>
#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace burnrate {
class AgentLogImportRunner;
}

namespace burnrate::ui {

// Shows what a background import runner is doing: a progress bar over the bytes to read, files and
// megabytes in words, and Cancel. Only listens to the runner's signals; never waits for it.
class ImportProgress final : public QWidget
{
    Q_OBJECT

public:
    explicit ImportProgress(AgentLogImportRunner &runner, QWidget *parent = nullptr);

    QProgressBar *bar() const { return m_bar; }
    QPushButton *cancelButton() const { return m_cancel; }
    QString text() const;

    static QString sourceTitle(AgentLogSource source);
    // "420 KB", "69.8 MB"
    static QString byteSize(std::int64_t bytes);

private:
    void onStarted(AgentLogSource source);
    void onProgress(AgentLogSource source, const AgentLogImportProgress &progress);
    void onFinished(AgentLogSource source, const AgentLogImportSummary &summary);
    void onFailed(AgentLogSource source, const QString &error);

    void showResults(const QString &current);

    AgentLogImportRunner &m_runner;
    QMap<AgentLogSource, QString> m_results; // of the sources done since the runner was last idle
    bool m_active = false;
    QLabel *m_label;
    QProgressBar *m_bar;
    QPushButton *m_cancel;
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_JOBS_IMPORTPROGRESS_H
