"""Encoding clips with PyAV (FFmpeg with libx264, bundled in PyAV's wheels): the one module
that imports ``av``.

Settings are pinned so that a re-render gives the same bytes: H.264 High, yuv420p, a fixed
frame rate, a closed GOP of fixed length without scene cuts, a fixed number of encoder
threads (x264 is deterministic for a given thread count), and FFmpeg's ``bitexact`` flags so
no version string or time goes into the file. ``movflags=+faststart`` puts the index (moov)
before the pictures, so a clip starts playing before it has downloaded.

Without PyAV installed, :func:`require` raises a usage error that says how to install it.
"""

from __future__ import annotations

import contextlib
import itertools
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

from humaskit.errors import Location, ReleaseError, UsageError
from humaskit.i18n import _

CODEC = "h264"
PIXEL_FORMAT = "yuv420p"
PROFILE = "High"
THREADS = 1  # fixed: x264's output depends on its thread count; one, so each job takes one core
GOP = 60  # frames between key frames (2 s at 30 fps)
X264 = {
    "preset": "superfast",
    "crf": "21",
    "x264-params": f"keyint={GOP}:min-keyint={GOP}:scenecut=0:open-gop=0",
}
AUDIO_RATE = 48_000
AUDIO_BITRATE = 128_000
LONGEST_AUDIO = 600.0  # seconds: a longer file is surely not meant for a 30 s clip
FADE_IN = 0.3
FADE_OUT = 1.5


@dataclass(frozen=True)
class Probe:
    """What a decoded clip holds (for tests and the benchmark)."""

    codec: str
    profile: str | None
    pixel_format: str | None
    width: int
    height: int
    fps: Fraction | None
    frames: int
    duration: float
    audio: str | None  # the audio codec, None without sound


def _av() -> Any:
    import av

    return av


def available() -> bool:
    """Whether PyAV can be imported."""
    try:
        _av()
    except ImportError:
        return False
    return True


def require() -> None:
    """Raises :class:`UsageError` (exit 2) unless PyAV is installed."""
    if not available():
        raise UsageError(
            _("Making videos needs PyAV, which is not installed."),
            hint=_('Install it with: pip install "humaskit[video]" (then run the command again).'),
            location=Location(field="--video"),
        )


def check_audio(path: Path, where: Location) -> float:
    """The length in seconds of the sound file ``path``.

    Raises:
        ReleaseError: it holds no sound, cannot be read, or lasts over 10 minutes.
    """
    av = _av()
    not_audio = ReleaseError(
        _("The file {path} given as 'audio' holds no sound that can be read.").format(
            path=path.name
        ),
        hint=_("Use a music or voice file such as MP3, M4A, WAV or OGG."),
        location=where,
    )
    try:
        with av.open(str(path)) as container:
            if not container.streams.audio:
                raise not_audio
            stream = container.streams.audio[0]
            seconds: float | None = None
            if stream.duration is not None and stream.time_base is not None:
                seconds = float(stream.duration * stream.time_base)
            elif container.duration is not None:
                seconds = container.duration / 1_000_000
            if seconds is None:  # not in the header: count what decodes, up to the limit
                seconds = 0.0
                for frame in container.decode(stream):
                    seconds += frame.samples / frame.sample_rate
                    if seconds > LONGEST_AUDIO:
                        break
    except av.FFmpegError:
        raise not_audio from None
    if seconds > LONGEST_AUDIO:
        raise ReleaseError(
            _("The sound file {path} lasts {minutes:.0f} minutes; a clip takes at most 10.").format(
                path=path.name, minutes=seconds / 60
            ),
            hint=_("Cut the part you want (a clip lasts at most 30 seconds) and use that file."),
            location=where,
        )
    if seconds <= 0:
        raise not_audio
    return seconds


def encode(
    frames: Iterable[tuple[bytes, int]],
    *,
    width: int,
    height: int,
    fps: int,
    total: int,
    audio: Path | None = None,
) -> bytes:
    """The MP4 of ``frames``: each ``(RGBA bytes, how many times it is shown)``.

    ``total`` is the clip's length in frames; ``audio`` is mixed in trimmed and faded to it.
    The file is written in a private temporary folder (faststart rewrites it once finished)
    and returned as bytes, so only a complete clip ever reaches the output folder.
    """
    av = _av()
    with tempfile.TemporaryDirectory(prefix="humaskit-video-") as folder:
        path = Path(folder) / "clip.mp4"
        options = {"movflags": "+faststart", "fflags": "+bitexact"}
        with av.open(str(path), "w", format="mp4", options=options) as out:
            video = out.add_stream("libx264", rate=fps, options=dict(X264))
            video.width, video.height = width, height
            video.pix_fmt = PIXEL_FORMAT
            video.profile = PROFILE
            video.codec_context.thread_count = THREADS
            video.codec_context.flags |= (
                av.codec.context.Flags.bitexact | av.codec.context.Flags.closed_gop
            )
            sound = None
            if audio is not None:
                sound = out.add_stream("aac", rate=AUDIO_RATE, layout="stereo")
                sound.bit_rate = AUDIO_BITRATE
                sound.codec_context.flags |= av.codec.context.Flags.bitexact
                for packet in _audio_packets(av, audio, sound, total / fps):
                    out.mux(packet)
            index = 0
            for data, repeat in frames:
                picture = av.VideoFrame.from_bytes(data, width, height, "rgba").reformat(
                    format=PIXEL_FORMAT
                )
                for _times in range(repeat):
                    picture.pts = index
                    index += 1
                    out.mux(video.encode(picture))
            out.mux(video.encode(None))
        return path.read_bytes()


def _audio_packets(av: Any, source: Path, stream: Any, seconds: float) -> list[Any]:
    """The AAC packets of ``source``: resampled, cut to ``seconds``, faded in and out, padded
    with silence when it is shorter."""
    packets: list[Any] = []
    with av.open(str(source)) as container:
        graph = av.filter.Graph()
        chain = [
            graph.add_abuffer(template=container.streams.audio[0]),
            graph.add("aresample", str(AUDIO_RATE)),
            graph.add("aformat", "sample_fmts=fltp:channel_layouts=stereo"),
            graph.add("apad", f"whole_dur={seconds:.3f}"),
            graph.add("atrim", f"end={seconds:.3f}"),
            graph.add("afade", f"t=in:st=0:d={FADE_IN}"),
            graph.add("afade", f"t=out:st={max(0.0, seconds - FADE_OUT):.3f}:d={FADE_OUT}"),
            graph.add("asetnsamples", f"n={stream.codec_context.frame_size or 1024}"),
            graph.add("abuffersink"),
        ]
        for first, second in itertools.pairwise(chain):
            first.link_to(second)
        graph.configure()
        samples = 0

        def drain() -> None:
            nonlocal samples
            while True:
                try:
                    frame = graph.pull()
                except (av.BlockingIOError, av.EOFError):
                    return
                frame.pts = samples
                frame.time_base = Fraction(1, AUDIO_RATE)
                samples += frame.samples
                packets.extend(stream.encode(frame))

        for frame in container.decode(audio=0):
            graph.push(frame)
            drain()
        graph.push(None)
        drain()
    packets.extend(stream.encode(None))
    return packets


def probe(data: bytes | Path) -> Probe:
    """What the clip ``data`` (bytes or a file) holds, decoded back with PyAV."""
    av = _av()
    with contextlib.ExitStack() as stack:
        if isinstance(data, bytes):
            folder = stack.enter_context(tempfile.TemporaryDirectory(prefix="humaskit-probe-"))
            path = Path(folder) / "clip.mp4"
            path.write_bytes(data)
        else:
            path = data
        container = stack.enter_context(av.open(str(path)))
        video = container.streams.video[0]
        frames = sum(1 for _frame in container.decode(video))
        audio = container.streams.audio[0].codec_context.name if container.streams.audio else None
        rate = video.average_rate
        return Probe(
            codec=video.codec_context.name,
            profile=video.profile,
            pixel_format=video.codec_context.pix_fmt,
            width=video.codec_context.width,
            height=video.codec_context.height,
            fps=Fraction(rate) if rate is not None else None,
            frames=frames,
            duration=frames / float(rate) if rate else 0.0,
            audio=audio,
        )


def frames_rgb(data: bytes, wanted: Iterable[int]) -> dict[int, bytes]:
    """The RGB bytes of the frames numbered ``wanted`` (from 0; -1 is the last) of clip ``data``."""
    av = _av()
    want = set(wanted)
    out: dict[int, bytes] = {}
    last: Any = None
    with tempfile.TemporaryDirectory(prefix="humaskit-probe-") as folder:
        path = Path(folder) / "clip.mp4"
        path.write_bytes(data)
        with av.open(str(path)) as container:
            for index, frame in enumerate(container.decode(video=0)):
                if index in want:
                    out[index] = _rgb(frame)
                last = frame
    if -1 in want and last is not None:
        out[-1] = _rgb(last)
    return out


def _rgb(frame: Any) -> bytes:
    """A decoded frame's RGB bytes, row after row, without the rows' padding."""
    rgb = frame.reformat(format="rgb24")
    plane, row = rgb.planes[0], rgb.width * 3
    raw = bytes(plane)
    return b"".join(raw[y * plane.line_size : y * plane.line_size + row] for y in range(rgb.height))
