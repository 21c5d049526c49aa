from django.conf.locale.id import formats as indonesian

DATE_INPUT_FORMATS = ["%Y-%m-%d", *indonesian.DATE_INPUT_FORMATS]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S", *indonesian.TIME_INPUT_FORMATS]
