package nnj.examples.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import nnj.api.Shape;
import nnj.api.layers.Layer;
import nnj.api.layers.Sequential;
import org.junit.jupiter.api.Test;

/** The {@code --arch} grammar: which layers a spec becomes, in which order, and its refusals. */
class ArchSpecTest {
    private static String types(List<Layer> layers) {
        return String.join(",", layers.stream().map(Layer::type).toList());
    }

    @Test
    void presetIsTheIssuesNetOn28x28() {
        List<Layer> layers = ArchSpec.parse("cnn").layers(1, 28, 28, 10, "relu", 0f);
        assertEquals("Unflatten,Conv2D,ReLU,MaxPool2D,Conv2D,ReLU,MaxPool2D,Flatten,Dense,ReLU,Dense", types(layers));
        Sequential net = Sequential.of(layers);
        assertEquals(Shape.of(10), net.outputShape(Shape.of(784)));
        // 1·32·9+32 + 32·64·9+64 + 3136·128+128 + 128·10+10, as PyTorch counts the same net
        assertEquals(320 + 18_496 + 401_536 + 1_290, net.parameterCount());
        assertEquals(784, net.inputWidth());
        assertEquals(10, net.outputWidth());
    }

    @Test
    void defaultActivationGoesAfterBatchNormUnlessAnActivationFollows() {
        assertEquals("Unflatten,Conv2D,BatchNorm,Tanh,AvgPool2D,Conv2D,LeakyReLU,GlobalAvgPool2D,Dense",
                types(ArchSpec.parse("conv8k5, bn, avgpool2, conv4k3s2p1, leaky_relu, gap").layers(3, 8, 8, 5, "tanh", 0f)));
    }

    @Test
    void dropoutFollowsHiddenDenseLayersOnlyWhenAsked() {
        assertEquals("Unflatten,Conv2D,ReLU,Flatten,Dense,ReLU,Dropout,Dense",
                types(ArchSpec.parse("conv2,dense16").layers(1, 4, 4, 3, "relu", 0.5f)));
        assertEquals("Unflatten,Conv2D,ReLU,Dropout,Flatten,Dense,Sigmoid,Dense",
                types(ArchSpec.parse("conv2,dropout0.25,dense16,sigmoid").layers(1, 4, 4, 3, "relu", 0f)));
    }

    @Test
    void refusesUnknownItemsAndImageItemsAfterFlatOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ArchSpec.parse("conv32,pool"));
        assertTrue(e.getMessage().contains("unknown item 'pool'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ArchSpec.parse("dense8,conv4").layers(1, 8, 8, 10, "relu", 0f));
        assertTrue(e.getMessage().contains("'conv4' needs images"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> ArchSpec.parse("pool2,pool2,pool2,pool2").layers(1, 8, 8, 10, "relu", 0f));
        assertTrue(e.getMessage().startsWith("--arch item 'pool2' does not fit"), e.getMessage());
        for (String zero : new String[] {"dense0", "conv0", "conv8k0", "pool0", "pool2s0"}) {
            e = assertThrows(IllegalArgumentException.class,
                    () -> ArchSpec.parse(zero).layers(1, 8, 8, 10, "relu", 0f));
            assertEquals("--arch item '" + zero + "': its sizes must be at least 1, got 0", e.getMessage());
        }
    }
}
