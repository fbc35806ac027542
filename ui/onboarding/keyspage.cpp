#include "ui/onboarding/keyspage.h"

#include "providers/keyreplacer.h"
#include "providers/providerregistry.h"

#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace burnrate::ui {

QString KeysPage::guidance(const KeySpec &spec)
{
    if (spec.kind == KeyKind::Admin) {
        return tr("Needs an organisation Admin key (an ordinary API key cannot read usage and costs). "
                  "Create one at %1")
            .arg(spec.createUrl);
    }
    if (spec.kind == KeyKind::Management) {
        return tr("A management key reads credits and activity. Create one at %1").arg(spec.createUrl);
    }
    if (spec.provider == QLatin1String("openrouter")) {
        return tr("An inference key reads its own usage and limit. Create one at %1").arg(spec.createUrl);
    }
    return tr("An ordinary API key reads the balance. Create one at %1").arg(spec.createUrl);
}

KeysPage::KeysPage(KeyReplacer &validator, QWidget *parent)
    : QWizardPage(parent)
    , m_validator(validator)
    , m_demo(new QPushButton(tr("Explore demo data instead"), this))
{
    setTitle(tr("Connect your provider keys"));
    setSubTitle(tr("Paste a key and Burnrate checks it with the provider, then keeps it in your system keychain. "
                   "Keys never leave this computer except to talk to their provider. Add as many as you use, "
                   "or none."));
    auto *grid = new QGridLayout;
    int r = 0;
    for (const KeySpec &spec : allKeySpecs()) {
        Row row;
        auto *title = new QLabel(
            QStringLiteral("<b>%1</b> %2")
                .arg(providerDisplayName(spec.provider).toHtmlEscaped(), keyKindName(spec.kind).toHtmlEscaped()),
            this);
        row.field = new QLineEdit(this);
        row.field->setEchoMode(QLineEdit::Password);
        row.field->setPlaceholderText(tr("Paste the key"));
        row.field->setObjectName(spec.entry());
        row.save = new QPushButton(tr("Check and save"), this);
        row.save->setEnabled(false);
        auto *hint = new QLabel(guidance(spec), this);
        hint->setWordWrap(true);
        hint->setTextInteractionFlags(Qt::TextSelectableByMouse);
        QFont small = hint->font();
        small.setPointSizeF(small.pointSizeF() * 0.9);
        hint->setFont(small);
        row.status = new QLabel(this);
        row.status->setWordWrap(true);
        grid->addWidget(title, r, 0);
        grid->addWidget(row.field, r, 1);
        grid->addWidget(row.save, r, 2);
        grid->addWidget(hint, r + 1, 1, 1, 2);
        grid->addWidget(row.status, r + 2, 1, 1, 2);
        r += 3;
        connect(row.field, &QLineEdit::textChanged, row.save, [save = row.save, this](const QString &text) {
            save->setEnabled(!text.trimmed().isEmpty() && !m_validator.busy());
        });
        connect(row.field, &QLineEdit::returnPressed, this, [this, spec] { save(spec); });
        connect(row.save, &QPushButton::clicked, this, [this, spec] { save(spec); });
        m_rows.insert(spec.entry(), row);
    }
    grid->setColumnStretch(1, 1);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(grid);
    layout->addStretch(1);
    auto *demoNote = new QLabel(tr("Just looking? The demo opens a separate window with a generated month of "
                                   "spending; nothing here changes."),
                                this);
    demoNote->setWordWrap(true);
    layout->addWidget(demoNote);
    layout->addWidget(m_demo, 0, Qt::AlignLeft);
    connect(m_demo, &QPushButton::clicked, this, &KeysPage::demoRequested);
}

void KeysPage::setBusy(bool busy)
{
    for (const Row &row : std::as_const(m_rows)) {
        row.save->setEnabled(!busy && !row.field->text().trimmed().isEmpty());
        row.field->setReadOnly(busy);
    }
}

void KeysPage::save(const KeySpec &spec)
{
    const Row row = m_rows.value(spec.entry());
    const QString key = row.field->text().trimmed();
    if (key.isEmpty() || m_validator.busy()) {
        return;
    }
    if (const QString problem = KeyReplacer::formatProblem(key); !problem.isEmpty()) {
        row.status->setText(tr("✗ %1").arg(problem));
        return;
    }
    setBusy(true);
    row.status->setText(tr("Checking with %1…").arg(providerDisplayName(spec.provider)));
    m_validator.replace(spec, key, [this, spec, row, key](const KeyReplacer::Outcome &outcome) {
        setBusy(false);
        QString message = outcome.message;
        message.replace(key, maskKey(key)); // belt and braces: a key is never shown
        if (outcome.ok()) {
            row.field->clear();
            row.status->setText(tr("✓ Stored %1 (%2)").arg(outcome.maskedKey, message));
            ++m_stored;
            Q_EMIT keyStored(spec.entry());
        } else {
            row.status->setText(tr("✗ %1").arg(message));
        }
    });
}

} // namespace burnrate::ui
