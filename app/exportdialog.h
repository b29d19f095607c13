#pragma once

#include "app/exporter.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace rolescope {

class ChartScene;
class ComparisonView;
class Document;
class OverlapAnalysis;

// File ▸ Export: what to export (the whole chart, the current role's subtree, the visible
// area or the comparison view), the format and its options, and a preview of the output's size in pixels or pages
// before anything is written. It paints with the exporter, which uses the window's card painter.
class ExportDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Area { WholeChart, Subtree, VisibleArea, Comparison };

    // VISIBLERECT: the part of the scene the view shows, in scene coordinates.
    ExportDialog(Document *document, ChartScene *scene, const QRectF &visibleRect,
                 QWidget *parent = nullptr);

    // Offers the comparison view of the window (its roles as they are compared now).
    void setComparisonView(ComparisonView *view);
    // The window's overlaps, to tint roles as the window does (with its minimum score). A
    // large model's are found on a worker thread: meanwhile the dialog says so and waits.
    void setOverlapAnalysis(OverlapAnalysis *analysis);
    void setArea(Area area);
    void setFormat(ExportFormat format);
    QString outputPath() const;
    void setOutputPath(const QString &path);
    // The size the export will have, or why it cannot be made, as shown under the options.
    QString previewText() const;

    // Writes the file with a progress dialog; on failure shows why and returns false.
    bool exportNow();

    void accept() override;

private:
    ExportChart chart() const;
    ExportSettings settings() const;
    void updateControls();
    void updatePreview();
    void browse();

    Document *m_document;
    ChartScene *m_scene;
    QRectF m_visibleRect;
    ComparisonView *m_comparison = nullptr;
    OverlapAnalysis *m_analysis = nullptr;
    // Whether the tint chart() was asked for is still being found.
    mutable bool m_waitingForOverlaps = false;

    QComboBox *m_area;
    QCheckBox *m_includeCollapsed;
    QSpinBox *m_depth;
    QCheckBox *m_highlight;
    QComboBox *m_format;
    QDoubleSpinBox *m_scale;
    QComboBox *m_background;
    QSpinBox *m_margin;
    QCheckBox *m_legend;
    QCheckBox *m_footer;
    QLineEdit *m_title;
    QComboBox *m_pageSize;
    QComboBox *m_pageOrientation;
    QCheckBox *m_fitToPage;
    QLabel *m_preview;
    QLineEdit *m_path;
    QPushButton *m_exportButton;
};

} // namespace rolescope
