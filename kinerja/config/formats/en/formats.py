from django.conf.locale.en import formats as english

DATE_INPUT_FORMATS = ["%Y-%m-%d", *english.DATE_INPUT_FORMATS]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S", *english.TIME_INPUT_FORMATS]
