class Client:
    def __init__(self, **kwargs):
        self.kwargs = kwargs
        self.session = {"$session": kwargs}
