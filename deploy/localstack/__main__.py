import sys

from deploy.localstack.cli import main

sys.exit(main())
