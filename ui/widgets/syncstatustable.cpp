#include "ui/widgets/syncstatustable.h"

#include "ui/format.h"
#include "ui/models/reporttablemodel.h"

#include <QDateTime>
#include <QHeaderView>

namespace burnrate::ui {

SyncStatusTable::SyncStatusTable(QWidget *parent)
    : QTableWidget(0, 3, parent)
{
    setObjectName(QStringLiteral("syncTable"));
    setHorizontalHeaderLabels({tr("Provider"), tr("Last synced"), tr("Last error")});
    setEditTriggers(QAbstractItemView::NoEditTriggers);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setFrameShape(QFrame::NoFrame);
    setShowGrid(false);
    setWordWrap(false);
    verticalHeader()->hide();
    horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    horizontalHeader()->setStretchLastSection(true);
    horizontalHeader()->setHighlightSections(false);
}

void SyncStatusTable::setSync(const QList<ProviderSync> &sync, const QTimeZone &zone)
{
    const QLocale locale = Format::locale();
    const auto when = [&](std::optional<std::int64_t> ms) {
        return ms ? locale.toString(QDateTime::fromMSecsSinceEpoch(*ms, zone), QStringLiteral("d MMM HH:mm"))
                  : tr("never");
    };
    setRowCount(static_cast<int>(sync.size()));
    for (int r = 0; r < rowCount(); ++r) {
        const ProviderSync &p = sync.at(r);
        auto *error = new QTableWidgetItem(p.errors.isEmpty() ? tr("none") : p.errors.join(QStringLiteral("; ")));
        error->setToolTip(p.errors.join(QLatin1Char('\n')));
        if (!p.errors.isEmpty()) {
            error->setForeground(palette().brush(QPalette::LinkVisited));
        }
        setItem(r, 0, new QTableWidgetItem(ReportTableModel::providerDisplayName(p.provider)));
        setItem(r, 1, new QTableWidgetItem(when(p.lastSuccessMs)));
        setItem(r, 2, error);
    }
    setFixedHeight(horizontalHeader()->height() + std::max(1, rowCount()) * (fontMetrics().height() + 12) + 4);
}

} // namespace burnrate::ui
