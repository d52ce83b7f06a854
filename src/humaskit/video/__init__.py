"""Short vertical clips (issue 16): scenes timed by reading time, composed from drawn cards,
encoded with PyAV.

:mod:`humaskit.video.timing` decides how long each scene stays and writes the subtitles (pure);
:mod:`humaskit.video.clip` moves the drawn cards (:mod:`humaskit.cards.motion`) frame by frame;
:mod:`humaskit.video.encoder` is the only module that imports PyAV (the optional extra
``humaskit[video]``).
"""
