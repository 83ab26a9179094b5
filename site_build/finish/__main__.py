import sys

from site_build.finish import main

sys.exit(main())
