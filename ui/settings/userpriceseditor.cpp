#include "ui/settings/userpriceseditor.h"

#include "ledger/ledger.h"
#include "pricing/pricebook.h"
#include "pricing/pricestore.h"
#include "ui/settings/userpricedialog.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace burnrate::ui {

namespace {

enum Column
{
    ProviderColumn,
    ModelColumn,
    FromColumn,
    InputColumn,
    CacheReadColumn,
    CacheWriteColumn,
    OutputColumn,
    ColumnCount
};

} // namespace

UserPricesEditor::UserPricesEditor(Ledger &ledger, QWidget *parent)
    : QWidget(parent)
    , m_ledger(ledger)
    , m_table(new QTableWidget(0, ColumnCount, this))
    , m_add(new QPushButton(tr("Add…"), this))
    , m_edit(new QPushButton(tr("Edit…"), this))
    , m_remove(new QPushButton(tr("Remove"), this))
    , m_status(new QLabel(this))
{
    m_table->setHorizontalHeaderLabels(
        {tr("Provider"), tr("Model"), tr("From"), tr("Input"), tr("Cached input"), tr("Cache write"), tr("Output")});
    m_table->horizontalHeaderItem(InputColumn)->setToolTip(tr("USD per 1M tokens"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->verticalHeader()->hide();
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_table->horizontalHeader()->setSectionResizeMode(ModelColumn, QHeaderView::Stretch);
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    auto *intro = new QLabel(tr("Prices in USD per 1M tokens that replace or add to the price book. They apply to "
                                "new usage; reprice to apply them to stored events."),
                             this);
    intro->setWordWrap(true);
    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_add);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_remove);
    buttons->addStretch(1);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);
    layout->addWidget(m_status);
    connect(m_add, &QPushButton::clicked, this, &UserPricesEditor::addPrice);
    connect(m_edit, &QPushButton::clicked, this, &UserPricesEditor::editSelected);
    connect(m_remove, &QPushButton::clicked, this, &UserPricesEditor::removeSelected);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &UserPricesEditor::updateButtons);
    connect(m_table, &QTableWidget::cellDoubleClicked, this, [this](int row) { openDialog(row); });
}

QString UserPricesEditor::statusText() const
{
    return m_status->text();
}

void UserPricesEditor::load()
{
    m_dirty = false;
    auto overlay = PriceStore(m_ledger).userPrices();
    m_readable = overlay.ok();
    if (!overlay) {
        // Never written over: the user fixes the file by hand first.
        m_overlay = QJsonObject();
        m_entries.clear();
        refreshTable();
        m_status->setText(tr("Your prices cannot be read, so they cannot be edited here: %1").arg(overlay.error()));
        return;
    }
    m_status->clear();
    setOverlay(*overlay);
}

void UserPricesEditor::setOverlay(const QJsonObject &overlay)
{
    m_overlay = overlay;
    m_entries = userprices::entries(m_overlay);
    refreshTable();
}

void UserPricesEditor::refreshTable()
{
    m_table->setRowCount(0);
    for (const UserPrice &p : std::as_const(m_entries)) {
        const int r = m_table->rowCount();
        m_table->insertRow(r);
        const QString dash = QStringLiteral("—");
        const QStringList cells{p.provider,
                                p.model,
                                p.effectiveFrom.isEmpty() ? tr("every date") : p.fromLabel(),
                                p.input.isEmpty() ? dash : p.input,
                                p.cacheRead.isEmpty() ? dash : p.cacheRead,
                                p.cacheWrite.isEmpty() ? dash : p.cacheWrite,
                                p.output.isEmpty() ? dash : p.output};
        for (int c = 0; c < ColumnCount; ++c) {
            auto *item = new QTableWidgetItem(cells.at(c));
            if (c >= InputColumn) {
                item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
            }
            if (p.hasMore) {
                item->setToolTip(tr("Also has other rates or tiers in prices.user.json; they are kept."));
            }
            m_table->setItem(r, c, item);
        }
    }
    updateButtons();
}

void UserPricesEditor::updateButtons()
{
    const bool selected = m_readable && !m_table->selectionModel()->selectedRows().isEmpty();
    m_add->setEnabled(m_readable);
    m_edit->setEnabled(selected);
    m_remove->setEnabled(selected);
}

QString UserPricesEditor::validate(const QJsonObject &overlay) const
{
    auto book = PriceStore(m_ledger).bookWithUserPrices(overlay);
    return book ? QString() : book.error();
}

void UserPricesEditor::addPrice()
{
    openDialog(-1);
}

void UserPricesEditor::editSelected()
{
    const auto rows = m_table->selectionModel()->selectedRows();
    if (!rows.isEmpty()) {
        openDialog(rows.first().row());
    }
}

void UserPricesEditor::openDialog(int row)
{
    if (!m_readable || (m_dialog && m_dialog->isVisible())) {
        return;
    }
    const std::optional<UserPrice> existing = row >= 0 ? std::optional<UserPrice>(m_entries.at(row)) : std::nullopt;
    // The document the user's prices sit on: what a new entry's other rates start from, and the models offered.
    const auto below = PriceStore(m_ledger).documentBelowUserPrices();
    const QJsonObject doc = below ? *below : QJsonObject();
    QHash<QString, QStringList> models;
    if (auto book = PriceBook::fromDocument(doc)) {
        for (const ProviderEntry &p : (*book)->providers()) {
            QStringList &ids = models[p.id];
            for (const ModelEntry &m : p.models) {
                ids << m.id;
            }
        }
    }
    auto candidate = std::make_shared<QJsonObject>();
    const auto validator = [this, existing, doc, candidate](const UserPrice &p) {
        const UserPrice *replacing = existing ? &*existing : nullptr;
        // A price already in the file (same provider, model and start) is edited, not added twice.
        if (!replacing) {
            for (const UserPrice &e : std::as_const(m_entries)) {
                if (e.sameVersion(p)) {
                    return tr("%1/%2 from %3 is in the list already; edit it instead")
                        .arg(p.provider, p.model, p.effectiveFrom.isEmpty() ? tr("every date") : p.fromLabel());
                }
            }
        }
        *candidate = userprices::withPrice(m_overlay, p, replacing, userprices::seedRates(doc, p));
        return validate(*candidate);
    };
    const auto prefill = [doc](const UserPrice &p) -> std::optional<UserPrice> {
        const QJsonObject rates = userprices::seedRates(doc, p);
        if (rates.isEmpty()) {
            return std::nullopt;
        }
        return userprices::fromRates(p.provider, p.model, rates);
    };
    m_dialog = new UserPriceDialog(existing, models, validator, prefill, this);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_dialog, &QDialog::accepted, this, [this, candidate] {
        setOverlay(*candidate);
        m_dirty = true;
        m_status->setText(tr("Not saved yet: Apply writes your prices."));
    });
    m_dialog->open();
}

void UserPricesEditor::removeSelected()
{
    const auto rows = m_table->selectionModel()->selectedRows();
    if (rows.isEmpty() || !m_readable) {
        return;
    }
    const UserPrice gone = m_entries.at(rows.first().row());
    const QJsonObject candidate = userprices::withoutPrice(m_overlay, gone);
    if (const QString problem = validate(candidate); !problem.isEmpty()) {
        m_status->setText(tr("Cannot remove it: %1").arg(problem));
        return;
    }
    setOverlay(candidate);
    m_dirty = true;
    m_status->setText(tr("Not saved yet: Apply writes your prices."));
}

QString UserPricesEditor::apply(bool &changed)
{
    changed = false;
    if (!m_dirty) {
        return QString();
    }
    PriceStore store(m_ledger);
    if (auto st = store.saveUserPrices(m_overlay); !st) {
        m_status->setText(tr("Not saved: %1. The file is as it was.").arg(st.error()));
        return st.error();
    }
    m_dirty = false;
    changed = true;
    m_status->setText(tr("Saved to %1. Stored events keep their prices until you reprice them.")
                          .arg(PriceStore::userPricesFileName()));
    return QString();
}

} // namespace burnrate::ui
