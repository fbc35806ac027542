#include "ui/settings/keyssection.h"

#include "providers/keyreplacer.h"
#include "providers/providerregistry.h"
#include "secrets/keyresolver.h"
#include "secrets/secretstore.h"

#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPointer>
#include <QPushButton>
#include <QVBoxLayout>

namespace burnrate::ui {

KeysSection::KeysSection(SecretStore &secrets, QNetworkAccessManager &nam, const Clock &clock, QWidget *parent)
    : SettingsSection(parent)
    , m_secrets(secrets)
    , m_resolver(std::make_unique<KeyResolver>(secrets))
    , m_replacer(new KeyReplacer(secrets, nam, clock, KeyResolver::defaultEnv(), {}, this))
    , m_panel(new QWidget(this))
    , m_panelTitle(new QLabel(m_panel))
    , m_guidance(new QLabel(m_panel))
    , m_keyField(new QLineEdit(m_panel))
    , m_store(new QPushButton(tr("Check and store"), m_panel))
    , m_status(new QLabel(this))
{
    auto *intro = new QLabel(tr("Burnrate reads what your keys cost from each provider. Keys live in %1 and never "
                                "on disk; an environment variable, when set, wins over the keychain. A key is checked "
                                "with the provider and stored at once.")
                                 .arg(secrets.describe()),
                             this);
    intro->setWordWrap(true);
    auto *grid = new QGridLayout;
    grid->addWidget(new QLabel(tr("<b>Provider</b>"), this), 0, 0);
    grid->addWidget(new QLabel(tr("<b>Key</b>"), this), 0, 1);
    grid->addWidget(new QLabel(tr("<b>Source</b>"), this), 0, 2);
    for (const KeySpec &spec : allKeySpecs()) {
        const int r = static_cast<int>(m_rows.size());
        Row row{spec, new QLabel(this), new QLabel(this)};
        grid->addWidget(
            new QLabel(tr("%1 (%2 key)").arg(providerDisplayName(spec.provider), keyKindName(spec.kind)), this), r + 1,
            0);
        grid->addWidget(row.key, r + 1, 1);
        grid->addWidget(row.source, r + 1, 2);
        auto *replaceButton = new QPushButton(tr("Replace…"), this);
        replaceButton->setObjectName(QStringLiteral("replace:") + spec.entry());
        auto *removeButton = new QPushButton(tr("Remove"), this);
        removeButton->setObjectName(QStringLiteral("remove:") + spec.entry());
        grid->addWidget(replaceButton, r + 1, 3);
        grid->addWidget(removeButton, r + 1, 4);
        connect(replaceButton, &QPushButton::clicked, this, [this, entry = spec.entry()] { startReplace(entry); });
        connect(removeButton, &QPushButton::clicked, this, [this, r] { remove(r); });
        m_rows << row;
    }
    grid->setColumnStretch(2, 1);

    m_keyField->setEchoMode(QLineEdit::Password);
    m_keyField->setPlaceholderText(tr("Paste the key"));
    m_guidance->setWordWrap(true);
    m_guidance->setOpenExternalLinks(true);
    auto *panelLayout = new QVBoxLayout(m_panel);
    panelLayout->setContentsMargins(0, 8, 0, 0);
    panelLayout->addWidget(m_panelTitle);
    panelLayout->addWidget(m_guidance);
    auto *entryRow = new QHBoxLayout;
    entryRow->addWidget(m_keyField, 1);
    entryRow->addWidget(m_store);
    panelLayout->addLayout(entryRow);
    m_panel->hide();
    m_status->setWordWrap(true);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(intro);
    layout->addLayout(grid);
    layout->addWidget(m_panel);
    layout->addWidget(m_status);
    layout->addStretch(1);
    connect(m_store, &QPushButton::clicked, this, &KeysSection::checkAndStore);
    connect(m_keyField, &QLineEdit::returnPressed, this, &KeysSection::checkAndStore);
}

KeysSection::~KeysSection() = default;

QString KeysSection::title() const
{
    return tr("Providers and keys");
}

void KeysSection::load()
{
    for (const Row &row : std::as_const(m_rows)) {
        row.key->setText(tr("…"));
        QPointer<QLabel> key = row.key;
        QPointer<QLabel> source = row.source;
        m_resolver->resolve(row.spec, [key, source](const ResolvedKey &k) {
            if (!key || !source) {
                return;
            }
            if (k.found()) {
                key->setText(maskKey(k.secret));
                source->setText(k.source == ResolvedKey::Source::Environment ? tr("environment (%1)").arg(k.spec.envVar)
                                                                             : tr("keychain"));
            } else {
                key->setText(QStringLiteral("–"));
                source->setText(k.error == SecretStore::Error::NotFound ? tr("not set") : tr("keychain unavailable"));
                source->setToolTip(k.message);
            }
        });
    }
}

QString KeysSection::apply(bool &changed)
{
    changed = false; // keys are stored when checked, not on Apply
    return QString();
}

void KeysSection::startReplace(const QString &entry)
{
    for (qsizetype i = 0; i < m_rows.size(); ++i) {
        if (m_rows.at(i).spec.entry() == entry) {
            m_editing = static_cast<int>(i);
            const KeySpec &spec = m_rows.at(i).spec;
            m_panelTitle->setText(
                tr("<b>Replace the %1 %2 key</b>").arg(providerDisplayName(spec.provider), keyKindName(spec.kind)));
            m_guidance->setText(guidance(spec));
            m_keyField->clear();
            m_panel->show();
            m_keyField->setFocus();
            setStatus(QString(), false);
            return;
        }
    }
}

QString KeysSection::guidance(const KeySpec &spec)
{
    const QString where = QStringLiteral("<a href=\"%1\">%1</a>").arg(spec.createUrl.toHtmlEscaped());
    if (spec.kind == KeyKind::Admin) {
        return tr("Burnrate needs an organisation <b>admin</b> key to read %1; an ordinary API key is refused. Only an "
                  "organisation owner can create one, at %2. It can read usage and costs, so keep it here only.")
            .arg(spec.purpose.toHtmlEscaped(), where);
    }
    if (spec.kind == KeyKind::Management) {
        return tr("A <b>management</b> key reads %1. Create one at %2.").arg(spec.purpose.toHtmlEscaped(), where);
    }
    return tr("An API key reads %1. Create one at %2.").arg(spec.purpose.toHtmlEscaped(), where);
}

void KeysSection::checkAndStore()
{
    if (m_editing < 0 || m_replacer->busy()) {
        return;
    }
    const KeySpec spec = m_rows.at(m_editing).spec;
    const QString secret = m_keyField->text().trimmed();
    m_store->setEnabled(false);
    setStatus(tr("Checking the key with %1…").arg(providerDisplayName(spec.provider)), false);
    m_replacer->replace(spec, secret, [this, spec](const KeyReplacer::Outcome &out) {
        m_store->setEnabled(true);
        if (!out.ok()) {
            setStatus(tr("Not stored: %1").arg(out.message), true);
            Q_EMIT replaceFinished(false);
            return;
        }
        m_keyField->clear();
        m_panel->hide();
        QString text = tr("Stored the %1 %2 key %3 (%4).")
                           .arg(providerDisplayName(spec.provider), keyKindName(spec.kind), out.maskedKey, out.message);
        if (out.envOverrides) {
            text += QLatin1Char(' ') + tr("%1 is set in the environment and is used instead.").arg(spec.envVar);
        }
        setStatus(text, false);
        load();
        Q_EMIT changedNow();
        Q_EMIT replaceFinished(true);
    });
}

void KeysSection::remove(int row)
{
    const KeySpec spec = m_rows.at(row).spec;
    QPointer<KeysSection> self(this);
    m_secrets.remove(spec.entry(), [self, spec](const SecretStore::Outcome &out) {
        if (!self) {
            return;
        }
        if (out.ok()) {
            self->setStatus(tr("Removed the %1 %2 key from the keychain.")
                                .arg(providerDisplayName(spec.provider), keyKindName(spec.kind)),
                            false);
            self->load();
            Q_EMIT self->changedNow();
        } else {
            self->setStatus(out.error == SecretStore::Error::NotFound
                                ? tr("No %1 %2 key is stored in the keychain.")
                                      .arg(providerDisplayName(spec.provider), keyKindName(spec.kind))
                                : out.message,
                            out.error != SecretStore::Error::NotFound);
        }
    });
}

void KeysSection::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #b00020;") : QString());
}

QString KeysSection::statusText() const
{
    return m_status->text();
}

QString KeysSection::shownKey(const QString &entry) const
{
    for (const Row &r : m_rows) {
        if (r.spec.entry() == entry) {
            return r.key->text();
        }
    }
    return {};
}

QString KeysSection::shownSource(const QString &entry) const
{
    for (const Row &r : m_rows) {
        if (r.spec.entry() == entry) {
            return r.source->text();
        }
    }
    return {};
}

bool KeysSection::busy() const
{
    return m_replacer->busy();
}

} // namespace burnrate::ui
