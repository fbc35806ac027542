#include "ui/widgets/syncprogress.h"

#include "providers/syncservice.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

#include <algorithm>

namespace burnrate::ui {

SyncProgress::SyncProgress(SyncService &sync, QWidget *parent)
    : QWidget(parent)
    , m_sync(sync)
    , m_label(new QLabel(this))
    , m_bar(new QProgressBar(this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    auto *layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_label);
    layout->addWidget(m_bar);
    layout->addWidget(m_cancel);
    m_bar->setTextVisible(false);
    m_bar->setMaximumWidth(120);
    m_cancel->setToolTip(tr("Stop this sync; what was not fetched yet is fetched next time"));
    connect(&sync, &SyncService::started, this, &SyncProgress::begin);
    connect(&sync, &SyncService::providerFinished, this, &SyncProgress::providerDone);
    connect(&sync, &SyncService::finished, this, &SyncProgress::end);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        m_cancelling = true;
        m_cancel->setEnabled(false);
        update();
        m_sync.cancel();
    });
    hide();
}

QString SyncProgress::text() const
{
    return m_label->text();
}

void SyncProgress::begin(const QStringList &providers)
{
    m_waiting = providers;
    m_total = static_cast<int>(providers.size());
    m_done = 0;
    m_cancelling = false;
    m_cancel->setEnabled(true);
    update();
    show();
}

void SyncProgress::providerDone(const ProviderResult &result)
{
    m_waiting.removeOne(result.provider);
    m_done = m_total - static_cast<int>(m_waiting.size());
    update();
}

void SyncProgress::end()
{
    m_waiting.clear();
    hide();
}

void SyncProgress::update()
{
    m_bar->setRange(0, std::max(1, m_total));
    m_bar->setValue(m_done);
    const QString waiting = m_waiting.join(QStringLiteral(", "));
    m_label->setText(
        m_cancelling ? tr("Cancelling the sync…")
                     : tr("Syncing providers: %1 of %2 done (waiting for %3)").arg(m_done).arg(m_total).arg(waiting));
}

} // namespace burnrate::ui
