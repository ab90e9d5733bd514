"""Scale-out on a Ray cluster: Ray Data for the batch job, Ray Serve for the API.

Ray is an optional extra (`pip install 'saaransh[ray]'`); nothing here imports it
until a Ray function is called, so `import saaransh` never needs it.
"""

from ..settings import RaySettings

__all__ = ["RaySettings"]
