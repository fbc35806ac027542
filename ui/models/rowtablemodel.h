#ifndef BURNRATE_UI_MODELS_ROWTABLEMODEL_H
#define BURNRATE_UI_MODELS_ROWTABLEMODEL_H

#include <QAbstractTableModel>

namespace burnrate::ui {

// What every table of the app shares: a flat list of rows, a fixed set of columns, a display value, an exact value
// (RawValueRole: nano-USD, counts, UTC ms) for sorting and tests, tooltips, numbers aligned right in cells and
// headers. A model says what each cell and column shows; the counts, index checks and role dispatch are here.
class RowTableModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Role
    {
        RawValueRole = Qt::UserRole + 1,
        FirstModelRole // a model's own roles start here
    };

    int rowCount(const QModelIndex &parent = {}) const final;
    int columnCount(const QModelIndex &parent = {}) const final;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const final;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const final;

protected:
    explicit RowTableModel(QObject *parent = nullptr);

    virtual int rowTotal() const = 0;
    virtual int columnTotal() const = 0;
    virtual bool isNumeric(int column) const = 0;
    virtual QString title(int column) const = 0;
    virtual QString titleToolTip(int column) const;
    // `row` and `column` are valid here.
    virtual QVariant display(int row, int column) const = 0;
    virtual QVariant raw(int row, int column) const = 0;
    virtual QVariant toolTip(int row, int column) const;
    // Any other role (font, colours, a model's own roles); nothing by default.
    virtual QVariant otherRole(int row, int column, int role) const;

    // The FontRole of a cell whose figure is not spend (subscription value, no price): italic.
    static QVariant italicFont();
};

} // namespace burnrate::ui

#endif // BURNRATE_UI_MODELS_ROWTABLEMODEL_H
