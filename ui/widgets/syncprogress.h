#ifndef BURNRATE_UI_WIDGETS_SYNCPROGRESS_H
#define BURNRATE_UI_WIDGETS_SYNCPROGRESS_H

#include <QWidget>

class QLabel;
class QProgressBar;
class QPushButton;

namespace burnrate {
class SyncService;
struct ProviderResult;
} // namespace burnrate

namespace burnrate::ui {

// The status bar's view of a provider sync (a backfill can take a while): which providers are done out of
// how many, and a Cancel that stops the run (a provider cut off writes nothing of its unfinished window).
// Hidden while no sync runs.
class SyncProgress final : public QWidget
{
    Q_OBJECT

public:
    explicit SyncProgress(SyncService &sync, QWidget *parent = nullptr);

    QString text() const;
    int done() const { return m_done; }
    int total() const { return m_total; }
    QPushButton *cancelButton() const { return m_cancel; }

private:
    void begin(const QStringList &providers);
    void providerDone(const ProviderResult &result);
    void end();
    void update();

    SyncService &m_sync;
    QStringList m_waiting; // providers not finished yet
    int m_done = 0;
    int m_total = 0;
    bool m_cancelling = false;
    QLabel *m_label = nullptr;
    QProgressBar *m_bar = nullptr;
    QPushButton *m_cancel = nullptr;
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_WIDGETS_SYNCPROGRESS_H
