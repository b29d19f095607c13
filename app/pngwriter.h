#pragma once

#include <QString>

#include <memory>

class QImage;
class QIODevice;

namespace rolescope {

// Writes a PNG a few rows at a time with libpng, so an image far larger than one QImage (or
// than memory) can be painted in bands and streamed out. Compression stays on, tuned for speed:
// charts are mostly flat colour, which zlib's fast levels shrink well without per-row filters.
class PngWriter
{
public:
    enum class Channels { Rgb, Rgba };

    // DEVICE must be open for writing and outlive the writer; the caller commits it.
    explicit PngWriter(QIODevice *device);
    ~PngWriter();
    PngWriter(const PngWriter &) = delete;
    PngWriter &operator=(const PngWriter &) = delete;

    // Writes the header. Sides up to 2^31 - 1 pixels (the PNG limit) are accepted; the caller
    // decides what is sensible. DOTSPERMETER > 0 records the intended print resolution, so
    // an image exported at scale 2 shows at the size of scale 1, twice as sharp. Returns
    // false on a write error (see errorString()).
    bool begin(int width, int height, Channels channels, int dotsPerMeter = 0,
               int compressionLevel = 1);
    // Writes ROWS rows of BAND, which has the width given to begin() and is Format_RGB888 for
    // Rgb, Format_RGBA8888 for Rgba (not premultiplied): the bytes go to zlib as they are.
    // Rows go out in order; successive calls may come from different threads.
    bool writeRows(const QImage &band, int rows);
    // Writes the end of the stream; every row must have been written.
    bool finish();

    QString errorString() const { return m_error; }
    int rowsWritten() const { return m_rowsWritten; }

private:
    struct LibPng;
    void fail(const QString &message);

    QIODevice *m_device;
    std::unique_ptr<LibPng> m_png;
    Channels m_channels = Channels::Rgb;
    int m_width = 0;
    int m_height = 0;
    int m_rowsWritten = 0;
    QString m_error;
};

} // namespace rolescope
