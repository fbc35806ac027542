#include "ui/settings/pricingsection.h"

#include "ledger/ledger.h"
#include "pricing/pricestore.h"
#include "ui/settings/repricedialog.h"
#include "ui/settings/userpriceseditor.h"
#include "util/clock.h"

#include <QColor>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace burnrate::ui {

PricingSection::PricingSection(Ledger &ledger, QNetworkAccessManager &nam, const Clock &clock, QWidget *parent)
    : SettingsSection(parent)
    , m_ledger(ledger)
    , m_clock(clock)
    , m_fetcher(new priceupdate::Fetcher(nam, this))
    , m_active(new QLabel(this))
    , m_source(new QLineEdit(this))
    , m_check(new QPushButton(tr("Check"), this))
    , m_discard(new QPushButton(tr("Discard"), this))
    , m_diff(new QTableWidget(0, 3, this))
    , m_status(new QLabel(this))
    , m_tabs(new QTabWidget(this))
    , m_userPrices(new UserPricesEditor(ledger, this))
    , m_reprice(new QPushButton(tr("Reprice stored events…"), this))
{
    m_active->setWordWrap(true);
    m_source->setPlaceholderText(tr("A prices file, or an https URL of a feed (Burnrate, genai-prices, LiteLLM)"));
    auto *browse = new QPushButton(tr("Browse…"), this);
    connect(browse, &QPushButton::clicked, this, [this] {
        const QString file =
            QFileDialog::getOpenFileName(this, tr("Price Feed"), QString(), tr("JSON files (*.json);;All files (*)"));
        if (!file.isEmpty()) {
            m_source->setText(file);
        }
    });
    auto *sourceRow = new QHBoxLayout;
    sourceRow->addWidget(m_source, 1);
    sourceRow->addWidget(browse);
    sourceRow->addWidget(m_check);
    m_diff->setHorizontalHeaderLabels({tr("Model"), tr("Version"), tr("Change")});
    m_diff->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_diff->verticalHeader()->hide();
    m_diff->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    m_diff->horizontalHeader()->setStretchLastSection(true);
    m_status->setWordWrap(true);
    m_discard->setEnabled(false);
    auto *update = new QWidget(this);
    auto *updateLayout = new QVBoxLayout(update);
    updateLayout->addLayout(sourceRow);
    updateLayout->addWidget(m_diff, 1);
    updateLayout->addWidget(m_status);
    updateLayout->addWidget(m_discard, 0, Qt::AlignLeft);
    m_tabs->addTab(m_userPrices, tr("Your prices"));
    m_tabs->addTab(update, tr("Update"));
    m_reprice->setToolTip(tr("Apply the active prices to the events already stored"));
    auto *activeRow = new QHBoxLayout;
    activeRow->addWidget(m_active, 1);
    activeRow->addWidget(m_reprice, 0, Qt::AlignTop);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(activeRow);
    layout->addWidget(m_tabs, 1);
    connect(m_reprice, &QPushButton::clicked, this, &PricingSection::openReprice);
    connect(m_check, &QPushButton::clicked, this, &PricingSection::check);
    connect(m_source, &QLineEdit::returnPressed, this, &PricingSection::check);
    connect(m_discard, &QPushButton::clicked, this, &PricingSection::discard);
}

PricingSection::~PricingSection() = default;

QString PricingSection::title() const
{
    return tr("Pricing");
}

QString PricingSection::statusText() const
{
    return m_status->text();
}

QString PricingSection::activeText() const
{
    return m_active->text();
}

void PricingSection::load()
{
    m_userPrices->load();
    showActive();
}

void PricingSection::showActive()
{
    PriceStore store(m_ledger);
    auto book = store.load();
    m_active->setText(book ? tr("Active prices: %1 (%2 models).").arg(store.describeBase()).arg((*book)->modelCount())
                           : tr("The active prices cannot be read: %1").arg(book.error()));
}

void PricingSection::check()
{
    m_tabs->setCurrentIndex(m_tabs->indexOf(m_source->parentWidget())); // the update's tab shows its result
    const QString from = m_source->text().trimmed();
    if (from.isEmpty()) {
        refuse(tr("name a file or a URL"));
        return;
    }
    discard();
    if (!priceupdate::isUrl(from)) {
        const auto bytes = priceupdate::readFile(from);
        bytes ? planFrom(*bytes, from) : refuse(bytes.error());
        return;
    }
    const auto url = priceupdate::checkUrl(from);
    if (!url) {
        refuse(url.error());
        return;
    }
    m_check->setEnabled(false);
    m_status->setText(tr("Fetching %1…").arg(url->host()));
    m_fetcher->fetch(*url, priceupdate::DefaultTimeoutSeconds, [this, from](const Result<QByteArray> &bytes) {
        m_check->setEnabled(true);
        bytes ? planFrom(*bytes, from) : refuse(bytes.error());
    });
}

void PricingSection::planFrom(const QByteArray &bytes, const QString &source)
{
    PriceStore store(m_ledger);
    const qint64 now = m_clock.nowMs();
    auto plan = priceupdate::plan(store, bytes, source, priceupdate::defaultChangesFrom(now), now);
    if (!plan) {
        refuse(plan.error());
        return;
    }
    if (plan->diff.isEmpty()) {
        m_status->setText(tr("No price changes in this feed; the active prices stay."));
        Q_EMIT checked(true);
        return;
    }
    m_plan = std::move(*plan);
    showPlan();
    Q_EMIT checked(true);
}

void PricingSection::showPlan()
{
    const PriceDiff &diff = m_plan->diff;
    m_diff->setRowCount(0);
    const auto addRow = [this](const QString &model, const QString &version, const QString &what, bool jump) {
        const int r = m_diff->rowCount();
        m_diff->insertRow(r);
        const QStringList cells{model, version, what};
        for (int c = 0; c < 3; ++c) {
            auto *item = new QTableWidgetItem(cells.at(c));
            if (jump) {
                item->setBackground(QColor(255, 224, 178));
                item->setToolTip(tr("More than 2× up or down: check this one."));
            }
            m_diff->setItem(r, c, item);
        }
    };
    for (const QString &m : diff.addedModels) {
        addRow(m, QString(), tr("added"), false);
    }
    for (const PriceDiff::Change &c : diff.changes) {
        addRow(c.model, c.version, c.what, c.bigJump);
    }
    m_status->setText(tr("%1 feed: %2 added, %3 changed, %4 kept that the feed lacks. Apply activates %5; rows already "
                         "priced keep their prices until you reprice.")
                          .arg(m_plan->feedKind)
                          .arg(diff.addedModels.size())
                          .arg(diff.changes.size())
                          .arg(diff.keptModels.size())
                          .arg(m_plan->id));
    m_discard->setEnabled(true);
}

void PricingSection::refuse(const QString &why)
{
    m_status->setText(tr("Update refused: %1. The active prices are unchanged.").arg(why));
    Q_EMIT checked(false);
}

void PricingSection::discard()
{
    m_plan.reset();
    m_diff->setRowCount(0);
    m_status->clear();
    m_discard->setEnabled(false);
}

QString PricingSection::apply(bool &changed)
{
    changed = false;
    QString error;
    if (m_plan) {
        if (auto st = PriceStore(m_ledger).activate(m_plan->doc, m_clock.nowMs()); !st) {
            return st.error();
        }
        const QString id = m_plan->id;
        discard();
        changed = true;
        m_status->setText(tr("Activated %1.").arg(id));
    }
    // Your prices after the update: they are checked against the base just activated.
    bool userChanged = false;
    error = m_userPrices->apply(userChanged);
    changed = changed || userChanged;
    if (changed) {
        showActive();
        Q_EMIT pricesChanged();
    }
    return error;
}

void PricingSection::openReprice()
{
    if (m_repriceDialog) {
        m_repriceDialog->raise();
        return;
    }
    m_repriceDialog = new RepriceDialog(m_ledger, m_clock, this);
    m_repriceDialog->setAttribute(Qt::WA_DeleteOnClose);
    if (m_plan || m_userPrices->hasPendingChanges()) {
        m_repriceDialog->setNote(tr("Price changes not applied yet are not used: Apply them first."));
    }
    connect(m_repriceDialog, &RepriceDialog::repriced, this, [this] {
        Q_EMIT pricesChanged();
        Q_EMIT changedNow(); // the stored figures changed: the window reads them again
    });
    m_repriceDialog->open();
}

} // namespace burnrate::ui
